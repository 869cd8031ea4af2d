-- Projects, their approvals, results and artifacts, and the timeline of their events.
CREATE TABLE project (
    id                    uuid          PRIMARY KEY,
    tenant                text          NOT NULL,
    name                  text          NOT NULL,
    goal                  text          NOT NULL,
    status                text          NOT NULL,
    status_reason         text,
    -- the status a PAUSED project goes back to on resume
    resume_to             text,
    budget_usd            numeric(20, 8),
    budget_tokens         bigint,
    require_plan_approval boolean       NOT NULL,
    plan_id               uuid,
    plan_version          integer,
    tasks_done            integer       NOT NULL DEFAULT 0,
    tasks_total           integer       NOT NULL DEFAULT 0,
    cost_usd              numeric(20, 8) NOT NULL DEFAULT 0,
    tokens_used           bigint        NOT NULL DEFAULT 0,
    created_at            timestamptz   NOT NULL,
    updated_at            timestamptz   NOT NULL,
    started_at            timestamptz,
    completed_at          timestamptz
);
CREATE INDEX project_by_tenant ON project (tenant, created_at DESC);
CREATE INDEX project_by_tenant_status ON project (tenant, status, created_at DESC);

CREATE TABLE approval (
    id           uuid        PRIMARY KEY,
    tenant       text        NOT NULL,
    project_id   uuid        NOT NULL REFERENCES project (id),
    plan_id      uuid        NOT NULL,
    plan_version integer     NOT NULL,
    workflow_id  uuid,
    summary      text,
    status       text        NOT NULL,
    comment      text,
    created_at   timestamptz NOT NULL,
    decided_at   timestamptz,
    decided_by   text,
    -- one approval per plan version, however often the workflow asks
    CONSTRAINT approval_one_per_plan UNIQUE (project_id, plan_id)
);
CREATE INDEX approval_by_tenant_status ON approval (tenant, status, created_at DESC);

CREATE TABLE artifact (
    id         uuid        PRIMARY KEY,
    tenant     text        NOT NULL,
    project_id uuid        NOT NULL REFERENCES project (id),
    plan_id    uuid        NOT NULL,
    task_id    uuid        NOT NULL,
    title      text        NOT NULL,
    role       text        NOT NULL,
    content    text        NOT NULL,
    position   integer     NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT artifact_one_per_task UNIQUE (project_id, plan_id, task_id)
);

CREATE TABLE project_result (
    project_id   uuid        PRIMARY KEY REFERENCES project (id),
    tenant       text        NOT NULL,
    plan_id      uuid        NOT NULL,
    -- PENDING (to synthesise), BLOCKED (refused for the budget), COMPLETED, FAILED, ABANDONED
    status       text        NOT NULL,
    summary      text,
    model        text,
    simulated    boolean     NOT NULL DEFAULT false,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text,
    -- a replica working on the synthesis holds it until then
    lease_until  timestamptz,
    created_at   timestamptz NOT NULL,
    completed_at timestamptz
);
CREATE INDEX project_result_pending ON project_result (created_at) WHERE status = 'PENDING';

CREATE TABLE project_event (
    id          uuid        PRIMARY KEY,
    seq         bigint      GENERATED ALWAYS AS IDENTITY,
    tenant      text        NOT NULL,
    project_id  uuid        NOT NULL,
    type        text        NOT NULL,
    stream      text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    data        text        NOT NULL
);
CREATE INDEX project_event_by_project ON project_event (project_id, occurred_at, seq);
