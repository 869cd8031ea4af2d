-- the step a FAILED workflow stopped at, to go on from when its project is resumed
ALTER TABLE workflow ADD COLUMN failed_step text;
-- the roles of the current plan, to ask for its team again
ALTER TABLE workflow ADD COLUMN roles text;
-- every step waits for an answer until its deadline; past it the step's command is sent again, then the
-- workflow is shown as stalled with the reason
ALTER TABLE workflow ADD COLUMN step_deadline timestamptz;
ALTER TABLE workflow ADD COLUMN step_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE workflow ADD COLUMN stalled_reason text;
CREATE INDEX workflow_due ON workflow (step_deadline) WHERE status = 'RUNNING';
UPDATE workflow SET step_deadline = now() + interval '10 minutes'
    WHERE status = 'RUNNING' AND step <> 'AWAITING_APPROVAL';
