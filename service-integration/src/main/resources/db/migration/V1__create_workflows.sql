CREATE TABLE workflow (
    id                    uuid        PRIMARY KEY,
    tenant                text        NOT NULL,
    project_id            uuid        NOT NULL UNIQUE,
    type                  text        NOT NULL,
    status                text        NOT NULL,
    step                  text        NOT NULL,
    goal                  text        NOT NULL,
    require_plan_approval boolean     NOT NULL,
    plan_id               uuid,
    plan_version          integer     NOT NULL DEFAULT 0,
    team                  text,
    outcome               text,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    completed_at          timestamptz,
    version               bigint      NOT NULL DEFAULT 0
);
CREATE INDEX workflow_tenant_created ON workflow (tenant, created_at DESC);

CREATE TABLE workflow_step (
    id          bigserial   PRIMARY KEY,
    workflow_id uuid        NOT NULL REFERENCES workflow (id),
    step        text        NOT NULL,
    event_type  text        NOT NULL,
    detail      text,
    at          timestamptz NOT NULL
);
CREATE INDEX workflow_step_workflow ON workflow_step (workflow_id, id);
