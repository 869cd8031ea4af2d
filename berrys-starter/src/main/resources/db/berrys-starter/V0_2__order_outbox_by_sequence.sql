-- Rows of one transaction share created_at; a sequence keeps their order on the stream.
ALTER TABLE outbox_event ADD COLUMN seq bigserial;
DROP INDEX outbox_event_unsent;
CREATE INDEX outbox_event_unsent ON outbox_event (seq) WHERE sent_at IS NULL;
