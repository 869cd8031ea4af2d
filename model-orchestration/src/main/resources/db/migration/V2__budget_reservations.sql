-- Budget reservations: a call's estimated spending is held against its project's budget from the check
-- until the call is recorded, so that calls running at the same moment cannot together pass the budget.
ALTER TABLE budget
    ADD COLUMN reserved_usd    numeric(18,8) NOT NULL DEFAULT 0,
    ADD COLUMN reserved_tokens bigint        NOT NULL DEFAULT 0;

CREATE TABLE budget_reservation (
    call_id     uuid          PRIMARY KEY,
    tenant      text          NOT NULL,
    project_id  uuid          NOT NULL,
    usd         numeric(18,8) NOT NULL,
    tokens      bigint        NOT NULL,
    expires_at  timestamptz   NOT NULL  -- a reservation left by a crashed instance is released after this
);
CREATE INDEX budget_reservation_expiry ON budget_reservation (expires_at);
