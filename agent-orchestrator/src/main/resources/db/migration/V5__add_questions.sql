-- ask_human: a question an agent put to a person. Its execution waits (status WAITING_INPUT, which no lease
-- and no recovery touches) until the question is answered; the answer becomes the result of the tool call,
-- stored as the step step_index of the execution.
CREATE TABLE question (
    id            uuid        PRIMARY KEY,
    tenant        text        NOT NULL,
    execution_id  uuid        NOT NULL REFERENCES execution (id),
    project_id    uuid        NOT NULL,
    task_id       uuid        NOT NULL,
    agent_id      uuid        NOT NULL,
    attempt       integer     NOT NULL,
    step_index    integer     NOT NULL,
    tool_call_id  text        NOT NULL,
    arguments     text        NOT NULL,
    question      text        NOT NULL,
    options       text[]      NOT NULL,
    status        text        NOT NULL,
    answer        text,
    answered_by   text,
    created_at    timestamptz NOT NULL,
    answered_at   timestamptz,
    CONSTRAINT question_execution_call UNIQUE (execution_id, tool_call_id)
);
CREATE INDEX question_tenant_project ON question (tenant, project_id, created_at);
CREATE INDEX question_tenant_status ON question (tenant, status, created_at);

-- a project's cancellation also cancels its executions that wait for an answer
DROP INDEX execution_open_project;
CREATE INDEX execution_open_project ON execution (project_id) WHERE status IN ('PENDING', 'RUNNING', 'WAITING_INPUT');
