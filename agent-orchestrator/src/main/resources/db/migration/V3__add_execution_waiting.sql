-- an execution waiting out an outage of a dependency: why, and since when (the tolerance counts from
-- there, also after a restart)
alter table execution
    add column waiting_reason text,
    add column waiting_since timestamptz;
