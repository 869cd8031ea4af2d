-- which replica of agent-orchestrator runs or ran the execution (its BERRYS_INSTANCE_ID): set when the
-- execution is created and when another replica takes it over
alter table execution add column handled_by text;
