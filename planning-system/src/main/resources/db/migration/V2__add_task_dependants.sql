-- How many tasks depend on a task: a completion with none readies nothing and needs no graph lookup.
ALTER TABLE task ADD COLUMN dependants int NOT NULL DEFAULT 0;
