#!/usr/bin/env bash
# Where a task's time goes, from what the services recorded (issue 13): for each task of a project, the segments
# from planning-system's task.assigned to its task.completed, as medians and 90th percentiles over the tasks.
#   benchmarks/task-profile.sh [projectId]    (the latest project by default; BERRYS_DB_URL as for ./berrys)
# created_at/received_at are the start of the writing transaction (PostgreSQL now()), sent_at the relay's.
set -euo pipefail
url="${BERRYS_DB_URL:-jdbc:postgresql://127.0.0.1:5432/berrys}"
hostport=$(sed -E 's#jdbc:postgresql://([^/]+)/.*#\1#' <<<"$url"); db=$(sed -E 's#.*/([^/?]+)(\?.*)?$#\1#' <<<"$url")
host=${hostport%%:*}; port=${hostport#*:}; [ "$port" = "$hostport" ] && port=5432
project="${1:-}"
psql -h "$host" -p "$port" -U "${BERRYS_DB_USER:-postgres}" -d "$db" -v project="$project" <<'SQL'
\pset footer off
with p as (
  select coalesce(nullif(:'project', '')::uuid, (select id from project.project order by created_at desc limit 1)) as id
), assigned as (  -- planning-system: task.assigned written, relayed
  select (o.envelope::json->'data'->>'taskId')::uuid task_id, (o.envelope::json->>'id')::uuid event_id,
         o.created_at, o.sent_at
  from planning.outbox_event o, p where o.type = 'task.assigned' and o.envelope::json->'data'->>'projectId' = p.id::text
    and (o.envelope::json->'data'->>'attempt')::int = 1
), done as (      -- agent-orchestrator: execution.completed written, relayed
  select (o.envelope::json->'data'->>'taskId')::uuid task_id, (o.envelope::json->>'id')::uuid event_id,
         o.created_at, o.sent_at
  from agent.outbox_event o, p where o.type = 'execution.completed' and o.envelope::json->'data'->>'projectId' = p.id::text
), steps as (
  select s.execution_id, sum(s.duration_ms) filter (where s.kind = 'MODEL_CALL') model_ms,
         sum(s.duration_ms) filter (where s.kind = 'TOOL_CALL') tool_ms, count(*) n
  from agent.execution_step s join agent.execution e on e.id = s.execution_id, p where e.project_id = p.id group by 1
), t as (
  select a.task_id,
    extract(epoch from a.sent_at - a.created_at) * 1000 relay_assigned,
    extract(epoch from ai.received_at - a.sent_at) * 1000 read_assigned,
    extract(epoch from e.started_at - ai.received_at) * 1000 launch,
    extract(epoch from d.created_at - e.started_at) * 1000 - coalesce(st.model_ms, 0) - coalesce(st.tool_ms, 0) agent_own,
    coalesce(st.model_ms, 0) model_calls, coalesce(st.tool_ms, 0) tool_calls,
    extract(epoch from d.sent_at - d.created_at) * 1000 relay_completed,
    extract(epoch from pi.received_at - d.sent_at) * 1000 read_completed,
    extract(epoch from pi.received_at - a.created_at) * 1000 total
  from assigned a
  join agent.inbox_event ai on ai.event_id = a.event_id
  join agent.execution e on e.task_id = a.task_id and e.attempt = 1
  left join steps st on st.execution_id = e.id
  join done d on d.task_id = a.task_id
  join planning.inbox_event pi on pi.event_id = d.event_id
)
select seg as "segment (ms)", round(percentile_cont(0.5) within group (order by v)::numeric, 1) p50,
       round(percentile_cont(0.9) within group (order by v)::numeric, 1) p90, count(*) tasks
from t, lateral (values (1, 'planning: task.assigned written -> relayed', relay_assigned),
  (2, 'Redis -> agent-orchestrator inbox (read + handler tx start)', read_assigned),
  (3, 'inbox -> execution started (after commit, start tx)', launch),
  (4, 'model calls (HTTP to model-orchestration)', model_calls),
  (5, 'tool calls (HTTP to tool-integration)', tool_calls),
  (6, 'agent loop own time (checkpoints, prompts)', agent_own),
  (7, 'agent: execution.completed written -> relayed', relay_completed),
  (8, 'Redis -> planning-system inbox', read_completed),
  (9, 'total: task.assigned written -> planning handles the completion', total)) x(o, seg, v)
group by o, seg order by o;
SQL
