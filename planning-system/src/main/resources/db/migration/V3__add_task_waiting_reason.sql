-- why the task's running execution waits (an outage of a dependency, which uses up no attempt)
alter table task add column waiting_reason text;
