-- questions agents asked a person (execution.input-requested) that are not answered yet: while there are
-- any, the EXECUTING step has no deadline, as AWAITING_APPROVAL has none
alter table workflow add column open_questions integer not null default 0;
