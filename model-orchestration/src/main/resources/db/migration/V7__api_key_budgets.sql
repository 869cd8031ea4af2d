-- Per-API-key budgets: a key created with budgetUsd carries it in its tokens (claim budgetUsd, subject = the
-- key's client id); every /v1 call made with such a token holds its estimate against the key's row while it
-- runs and adds what it spent when it is recorded. The limit is the one in the token (kept here, last seen).
CREATE TABLE api_key_budget (
    tenant          text          NOT NULL,
    client_id       text          NOT NULL,
    budget_usd      numeric(18,8) NOT NULL,
    spent_usd       numeric(18,8) NOT NULL DEFAULT 0,
    spent_tokens    bigint        NOT NULL DEFAULT 0,
    reserved_usd    numeric(18,8) NOT NULL DEFAULT 0,
    calls           bigint        NOT NULL DEFAULT 0,
    updated_at      timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, client_id)
);

CREATE TABLE api_key_reservation (
    call_id     uuid          PRIMARY KEY,
    tenant      text          NOT NULL,
    client_id   text          NOT NULL,
    usd         numeric(18,8) NOT NULL,
    expires_at  timestamptz   NOT NULL
);
CREATE INDEX api_key_reservation_expiry ON api_key_reservation (expires_at);
