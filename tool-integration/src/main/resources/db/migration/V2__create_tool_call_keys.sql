-- The idempotency keys of tool executions (agent-orchestrator sends execution, step and call): a key is
-- claimed before its tool runs and completed with the answer in the transaction that records the execution,
-- so a repeated key is answered from here and the tool runs once. The primary key is what de-duplicates.
CREATE TABLE tool_call_key (
    tenant       text        NOT NULL,
    idem_key     text        NOT NULL,
    tool         text        NOT NULL,
    claim_id     uuid        NOT NULL,
    claimed_at   timestamptz NOT NULL,
    record_id    uuid,
    answer       text,
    completed_at timestamptz,
    CONSTRAINT tool_call_key_pk PRIMARY KEY (tenant, idem_key)
);
-- keys are forgotten after 7 days (hourly sweep)
CREATE INDEX tool_call_key_claimed ON tool_call_key (claimed_at);
