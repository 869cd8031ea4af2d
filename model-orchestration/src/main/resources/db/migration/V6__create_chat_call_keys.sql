-- The idempotency keys of chat calls (agent-orchestrator sends one per execution and step): a key is claimed
-- before the call is routed and completed with the answer as it was sent, so a repeated key is answered from
-- here: one upstream call, one model_call row, one charge. The primary key is what de-duplicates.
CREATE TABLE chat_call_key (
    tenant       text        NOT NULL,
    idem_key     text        NOT NULL,
    call_id      uuid        NOT NULL,
    claimed_at   timestamptz NOT NULL,
    model_name   text,
    simulated    boolean,
    answer       text,
    completed_at timestamptz,
    CONSTRAINT chat_call_key_pk PRIMARY KEY (tenant, idem_key)
);
-- keys are forgotten after 7 days (hourly sweep)
CREATE INDEX chat_call_key_claimed ON chat_call_key (claimed_at);
