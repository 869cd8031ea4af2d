-- model-orchestration: providers, the model catalog, every model call, and project budgets.
CREATE TABLE provider (
    id             uuid        PRIMARY KEY,
    tenant         text        NOT NULL,
    name           text        NOT NULL,
    type           text        NOT NULL,
    base_url       text,
    api_key_cipher text,        -- AES-GCM with BERRYS_ENCRYPTION_KEY: base64(iv || ciphertext || tag)
    api_key_env    text,        -- or the name of the environment variable holding the key (configured at start)
    enabled        boolean     NOT NULL,
    settings       text        NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        bigint      NOT NULL DEFAULT 0,
    CONSTRAINT provider_name_unique UNIQUE (tenant, name)
);

CREATE TABLE model (
    id                       uuid          PRIMARY KEY,
    tenant                   text          NOT NULL,
    provider_id              uuid          NOT NULL REFERENCES provider (id) ON DELETE CASCADE,
    name                     text          NOT NULL,
    upstream_name            text          NOT NULL,
    context_window           integer       NOT NULL,
    capabilities             text          NOT NULL,
    input_price_per_million  numeric(14,6) NOT NULL,
    output_price_per_million numeric(14,6) NOT NULL,
    enabled                  boolean       NOT NULL,
    created_at               timestamptz   NOT NULL,
    updated_at               timestamptz   NOT NULL,
    version                  bigint        NOT NULL DEFAULT 0,
    CONSTRAINT model_name_unique UNIQUE (tenant, name)
);
CREATE INDEX model_provider ON model (provider_id);

CREATE TABLE model_call (
    id              uuid          PRIMARY KEY,
    tenant          text          NOT NULL,
    project_id      uuid,
    task_id         uuid,
    agent_id        uuid,
    purpose         text,
    requested_model text          NOT NULL,
    provider_name   text,
    model_name      text,
    input_tokens    bigint        NOT NULL,
    output_tokens   bigint        NOT NULL,
    cost_usd        numeric(18,8) NOT NULL,
    latency_ms      bigint        NOT NULL,
    outcome         text          NOT NULL,
    streamed        boolean       NOT NULL,
    attempts        text          NOT NULL,
    created_at      timestamptz   NOT NULL
);
CREATE INDEX model_call_project ON model_call (tenant, project_id, created_at);

CREATE TABLE budget (
    tenant            text          NOT NULL,
    project_id        uuid          NOT NULL,
    budget_usd        numeric(18,6),
    budget_tokens     bigint,
    spent_usd         numeric(18,8) NOT NULL DEFAULT 0,
    spent_tokens      bigint        NOT NULL DEFAULT 0,
    warned            boolean       NOT NULL DEFAULT false,
    exceeded_at       timestamptz,  -- last budget.exceeded published (at most one per 10 s)
    updated_at        timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, project_id)
);
