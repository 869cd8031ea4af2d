-- Agent templates: a role, its prompt and the tools it may use. tenant NULL = built in, seen by every tenant;
-- a tenant's own template of a role takes precedence over the built-in one.
CREATE TABLE agent_template (
    id             uuid        PRIMARY KEY,
    tenant         text,
    name           text        NOT NULL,
    role           text        NOT NULL,
    description    text        NOT NULL DEFAULT '',
    system_prompt  text        NOT NULL,
    tools          text[]      NOT NULL DEFAULT '{}',
    model          text        NOT NULL DEFAULT 'auto',
    max_steps      integer     NOT NULL DEFAULT 6,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agent_template_tenant_role ON agent_template (coalesce(tenant, ''), role);

-- One agent per role and project (the team).
CREATE TABLE agent (
    id             uuid        PRIMARY KEY,
    tenant         text        NOT NULL,
    project_id     uuid        NOT NULL,
    plan_id        uuid,
    template_id    uuid        NOT NULL REFERENCES agent_template (id),
    role           text        NOT NULL,
    name           text        NOT NULL,
    created_at     timestamptz NOT NULL,
    CONSTRAINT agent_project_role UNIQUE (project_id, role)
);
CREATE INDEX agent_tenant_project ON agent (tenant, project_id, created_at);

-- Projects whose project.cancelled was consumed: no execution of theirs starts or goes on.
CREATE TABLE cancelled_project (
    project_id     uuid        PRIMARY KEY,
    tenant         text        NOT NULL,
    reason         text,
    cancelled_at   timestamptz NOT NULL DEFAULT now()
);

-- One execution per task attempt. The task's text is kept so that a restarted service can run it again;
-- the prompts and the template's settings are fixed when it starts (its checkpoint with the steps).
CREATE TABLE execution (
    id                 uuid        PRIMARY KEY,
    tenant             text        NOT NULL,
    project_id         uuid        NOT NULL,
    plan_id            uuid        NOT NULL,
    task_id            uuid        NOT NULL,
    agent_id           uuid        NOT NULL,
    role               text        NOT NULL,
    title              text        NOT NULL,
    description        text        NOT NULL,
    goal               text        NOT NULL,
    dependency_outputs text        NOT NULL,
    attempt            integer     NOT NULL,
    status             text        NOT NULL,
    template_id        uuid,
    model              text,
    max_steps          integer,
    tools              text[],
    system_prompt      text,
    user_prompt        text,
    output             text,
    error              text,
    retryable          boolean,
    input_tokens       bigint      NOT NULL DEFAULT 0,
    output_tokens      bigint      NOT NULL DEFAULT 0,
    step_count         integer     NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL,
    started_at         timestamptz,
    completed_at       timestamptz,
    lease_owner        text,
    lease_until        timestamptz,
    version            bigint      NOT NULL DEFAULT 0,
    CONSTRAINT execution_task_attempt UNIQUE (task_id, attempt)
);
CREATE INDEX execution_tenant_project ON execution (tenant, project_id, created_at);
CREATE INDEX execution_tenant_task ON execution (tenant, task_id, attempt);
CREATE INDEX execution_running_agent ON execution (agent_id) WHERE status = 'RUNNING';
CREATE INDEX execution_unfinished ON execution (lease_until) WHERE status IN ('PENDING', 'RUNNING');
CREATE INDEX execution_open_project ON execution (project_id) WHERE status IN ('PENDING', 'RUNNING');

-- Every step of an execution: its checkpoint. A model call keeps the assistant message to resume from.
CREATE TABLE execution_step (
    id               uuid        PRIMARY KEY,
    execution_id     uuid        NOT NULL REFERENCES execution (id),
    step_index       integer     NOT NULL,
    kind             text        NOT NULL,
    started_at       timestamptz NOT NULL,
    duration_ms      bigint      NOT NULL,
    prompt_chars     integer,
    prompt_messages  integer,
    input_tokens     bigint      NOT NULL DEFAULT 0,
    output_tokens    bigint      NOT NULL DEFAULT 0,
    model            text,
    tool             text,
    tool_call_id     text,
    arguments        text,
    message          text,
    summary          text        NOT NULL,
    result           text,
    error            text,
    CONSTRAINT execution_step_index UNIQUE (execution_id, step_index)
);

-- Project memory: a short note per completed execution, given to the project's later tasks.
CREATE TABLE memory_note (
    id             uuid        PRIMARY KEY,
    tenant         text        NOT NULL,
    project_id     uuid        NOT NULL,
    execution_id   uuid        NOT NULL UNIQUE,
    task_id        uuid        NOT NULL,
    agent_id       uuid        NOT NULL,
    role           text        NOT NULL,
    title          text        NOT NULL,
    note           text        NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE INDEX memory_note_project ON memory_note (tenant, project_id, created_at);
