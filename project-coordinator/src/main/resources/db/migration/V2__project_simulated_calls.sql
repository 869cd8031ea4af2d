-- model calls of the project the built-in simulated model answered (model.call-recorded with simulated: true):
-- the result says it is not a real AI model's when there was any
ALTER TABLE project ADD COLUMN simulated_calls bigint NOT NULL DEFAULT 0;
