-- attempts made before a person's retry (or a resumed project) gave a task a fresh allowance of attempts
ALTER TABLE task ADD COLUMN attempt_base integer NOT NULL DEFAULT 0;
-- when an in-flight task last moved or had its assignment published: the reconciler re-announces from there
ALTER TABLE task ADD COLUMN progress_at timestamptz;
UPDATE task SET progress_at = now() WHERE status IN ('ASSIGNED', 'RUNNING');
CREATE INDEX task_in_flight ON task (plan_id, progress_at) WHERE status IN ('ASSIGNED', 'RUNNING');
