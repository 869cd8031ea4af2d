-- An effect table for the event bus tests: no unique constraint, so a doubled effect would show.
CREATE TABLE effect (
    id       bigserial PRIMARY KEY,
    event_id uuid      NOT NULL,
    payload  text      NOT NULL
);
