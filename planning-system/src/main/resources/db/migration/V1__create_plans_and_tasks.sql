-- Planning requests received from the workflow; the model call runs after commit and a lease lets a
-- restarted or another replica take over a request whose worker died.
CREATE TABLE plan_request (
    id               uuid        PRIMARY KEY,
    event_id         uuid        NOT NULL UNIQUE,
    tenant           text        NOT NULL,
    workflow_id      uuid        NOT NULL,
    project_id       uuid        NOT NULL,
    goal             text        NOT NULL,
    feedback         text,
    previous_plan_id uuid,
    status           text        NOT NULL,
    runs             int         NOT NULL DEFAULT 0,
    locked_until     timestamptz,
    plan_id          uuid,
    reason           text,
    created_at       timestamptz NOT NULL,
    finished_at      timestamptz
);
CREATE INDEX plan_request_open ON plan_request (created_at) WHERE status = 'PENDING';

-- What planning knows of a project's lifecycle (paused, cancelled), whatever plan exists yet.
CREATE TABLE project_control (
    project_id uuid        PRIMARY KEY,
    tenant     text        NOT NULL,
    paused     boolean     NOT NULL DEFAULT false,
    cancelled  boolean     NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL
);

CREATE TABLE plan (
    id              uuid        PRIMARY KEY,
    tenant          text        NOT NULL,
    project_id      uuid        NOT NULL,
    version         int         NOT NULL,
    goal            text        NOT NULL,
    feedback        text,
    status          text        NOT NULL,
    status_reason   text,
    task_count      int         NOT NULL,
    completed_tasks int         NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz,
    CONSTRAINT plan_version_unique UNIQUE (project_id, version)
);
CREATE INDEX plan_by_project ON plan (tenant, project_id, version DESC);
CREATE INDEX plan_running ON plan (id) WHERE status = 'RUNNING';

CREATE TABLE plan_agent (
    plan_id  uuid NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    role     text NOT NULL,
    agent_id uuid NOT NULL,
    PRIMARY KEY (plan_id, role)
);

CREATE TABLE task (
    id                uuid        PRIMARY KEY,
    plan_id           uuid        NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    tenant            text        NOT NULL,
    project_id        uuid        NOT NULL,
    position          int         NOT NULL,
    task_key          text        NOT NULL,
    title             text        NOT NULL,
    description       text        NOT NULL,
    role              text        NOT NULL,
    status            text        NOT NULL,
    critical_position int,
    attempts          int         NOT NULL DEFAULT 0,
    agent_id          uuid,
    execution_id      uuid,
    started_at        timestamptz,
    completed_at      timestamptz,
    output            text,
    last_error        text,
    next_attempt_at   timestamptz,
    CONSTRAINT task_key_unique UNIQUE (plan_id, task_key)
);
CREATE INDEX task_by_plan ON task (plan_id, position);
CREATE INDEX task_by_plan_status ON task (plan_id, status);
CREATE INDEX task_by_project ON task (tenant, project_id, status);
CREATE INDEX task_ready ON task (plan_id, next_attempt_at) WHERE status = 'READY';

CREATE TABLE task_dependency (
    task_id       uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    depends_on_id uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, depends_on_id),
    CONSTRAINT task_dependency_not_self CHECK (task_id <> depends_on_id)
);
CREATE INDEX task_dependency_by_dependency ON task_dependency (depends_on_id);
