-- Event bus tables of the berrys-starter, created in the service's own schema (Flyway's default schema).
CREATE TABLE outbox_event (
    id             uuid        PRIMARY KEY,
    stream         text        NOT NULL,
    type           text        NOT NULL,
    envelope       text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    sent_at        timestamptz
);
CREATE INDEX outbox_event_unsent ON outbox_event (created_at) WHERE sent_at IS NULL;

CREATE TABLE inbox_event (
    event_id       uuid        NOT NULL,
    consumer_group text        NOT NULL,
    type           text        NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, consumer_group)
);
