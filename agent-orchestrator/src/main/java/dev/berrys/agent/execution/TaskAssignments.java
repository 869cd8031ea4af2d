package dev.berrys.agent.execution;

import dev.berrys.contracts.events.AgentEvents.ExecutionCancelled;
import dev.berrys.contracts.events.AgentEvents.ExecutionCompleted;
import dev.berrys.contracts.events.AgentEvents.ExecutionFailed;
import dev.berrys.contracts.events.PlanningEvents.TaskAssigned;
import dev.berrys.starter.events.EventMetadata;
import dev.berrys.starter.events.EventPublisher;
import dev.berrys.starter.events.OnEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns {@code task.assigned} into an execution row, and nothing more inside the event's transaction:
 * the agent loop starts after the commit. The unique (task, attempt) makes a repeated assignment of a live
 * execution a no-op; that of an ended one repeats its end.
 * A task of a cancelled project is recorded as CANCELLED and never runs.
 */
@Component
class TaskAssignments {
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final EventPublisher events;
    private final ExecutionLauncher launcher;
    private final Leases leases;

    TaskAssignments(
            JdbcTemplate jdbc, JsonMapper json, EventPublisher events, ExecutionLauncher launcher, Leases leases) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.launcher = launcher;
        this.leases = leases;
    }

    @OnEvent
    void on(TaskAssigned task, EventMetadata event) {
        boolean cancelled = Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from cancelled_project where project_id = ?)",
                Boolean.class,
                task.projectId()));
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        int inserted = jdbc.update(
                """
                insert into execution (id, tenant, project_id, plan_id, task_id, agent_id, role, title, description,
                    goal, dependency_outputs, attempt, status, error, retryable, created_at, completed_at,
                    lease_owner, handled_by, lease_until)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now() + ? * interval '1 millisecond')
                on conflict (task_id, attempt) do nothing""",
                id,
                event.tenant(),
                task.projectId(),
                task.planId(),
                task.taskId(),
                task.agentId(),
                task.role(),
                task.title(),
                task.description() == null ? "" : task.description(),
                task.goal() == null ? "" : task.goal(),
                json.writeValueAsString(task.dependencyOutputs() == null ? List.of() : task.dependencyOutputs()),
                task.attempt(),
                (cancelled ? ExecutionStatus.CANCELLED : ExecutionStatus.PENDING).name(),
                cancelled ? "project cancelled" : null,
                cancelled ? false : null,
                now,
                cancelled ? now : null,
                leases.owner(),
                leases.owner(),
                leases.millis());
        if (inserted == 0) {
            repeatOutcome(task, event.tenant());
            return;
        }
        if (cancelled) {
            events.publish(id, new ExecutionCancelled(id, task.taskId(), task.projectId()), event.tenant());
            return;
        }
        launcher.launchAfterCommit(id);
    }

    /**
     * The assignment of an execution that exists already: planning-system heard nothing of it for too long.
     * A live one (PENDING, RUNNING) goes on and this is a no-op; the end of one that ended is told again,
     * since it is that news that was lost.
     */
    private void repeatOutcome(TaskAssigned task, String tenant) {
        jdbc.query(
                "select id, agent_id, status, output, error, retryable, input_tokens, output_tokens from execution"
                        + " where task_id = ? and attempt = ? and tenant = ? and status in ('COMPLETED', 'FAILED')",
                rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    UUID agent = rs.getObject("agent_id", UUID.class);
                    Object payload = "COMPLETED".equals(rs.getString("status"))
                            ? new ExecutionCompleted(
                                    id,
                                    task.taskId(),
                                    task.projectId(),
                                    agent,
                                    task.attempt(),
                                    Objects.requireNonNullElse(rs.getString("output"), ""),
                                    rs.getLong("input_tokens"),
                                    rs.getLong("output_tokens"))
                            : new ExecutionFailed(
                                    id,
                                    task.taskId(),
                                    task.projectId(),
                                    agent,
                                    task.attempt(),
                                    Objects.requireNonNullElse(rs.getString("error"), "the execution failed"),
                                    rs.getBoolean("retryable"));
                    events.publish(id, payload, tenant);
                },
                task.taskId(),
                task.attempt(),
                tenant);
    }
}
