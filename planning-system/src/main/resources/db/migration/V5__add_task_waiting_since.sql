-- since when the task's running execution waits (the time of the first failed try of the outage)
alter table task add column waiting_since timestamptz;
