-- Tool registry, MCP servers, execution records and project workspaces of tool-integration.
CREATE TABLE mcp_server (
    id              uuid        PRIMARY KEY,
    tenant          text        NOT NULL,
    name            text        NOT NULL,
    transport       text        NOT NULL,
    command         text,
    args            text        NOT NULL DEFAULT '[]',
    env             text        NOT NULL DEFAULT '{}',
    url             text,
    credentials     text,
    enabled         boolean     NOT NULL,
    status          text        NOT NULL,
    status_message  text,
    status_at       timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         bigint      NOT NULL DEFAULT 0,
    CONSTRAINT mcp_server_tenant_name UNIQUE (tenant, name)
);

CREATE TABLE tool (
    id              uuid        PRIMARY KEY,
    tenant          text        NOT NULL,
    name            text        NOT NULL,
    description     text        NOT NULL,
    parameters      text        NOT NULL,
    source          text        NOT NULL,
    mcp_server_id   uuid        REFERENCES mcp_server (id) ON DELETE CASCADE,
    remote_name     text,
    endpoint        text,
    enabled         boolean     NOT NULL,
    status          text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         bigint      NOT NULL DEFAULT 0,
    CONSTRAINT tool_tenant_name UNIQUE (tenant, name)
);
CREATE INDEX tool_mcp_server ON tool (mcp_server_id) WHERE mcp_server_id IS NOT NULL;

CREATE TABLE tool_execution (
    id              uuid        PRIMARY KEY,
    tenant          text        NOT NULL,
    project_id      uuid,
    task_id         uuid,
    execution_id    uuid,
    tool            text        NOT NULL,
    arguments       text        NOT NULL,
    status          text        NOT NULL,
    result_summary  text,
    error           text,
    started_at      timestamptz NOT NULL,
    duration_ms     bigint      NOT NULL
);
CREATE INDEX tool_execution_tenant_started ON tool_execution (tenant, started_at DESC);
CREATE INDEX tool_execution_tenant_project ON tool_execution (tenant, project_id, started_at DESC);
CREATE INDEX tool_execution_tenant_tool ON tool_execution (tenant, tool, started_at DESC);

CREATE TABLE workspace_file (
    id              uuid        PRIMARY KEY,
    tenant          text        NOT NULL,
    project_id      uuid        NOT NULL,
    name            text        NOT NULL,
    version         integer     NOT NULL,
    content         text        NOT NULL,
    size_bytes      integer     NOT NULL,
    created_at      timestamptz NOT NULL,
    CONSTRAINT workspace_file_version UNIQUE (tenant, project_id, name, version)
);
