package dev.berrys.agent.execution;

import dev.berrys.contracts.events.AgentEvents.ExecutionCancelled;
import dev.berrys.contracts.events.ProjectEvents.Cancelled;
import dev.berrys.starter.events.EventMetadata;
import dev.berrys.starter.events.EventPublisher;
import dev.berrys.starter.events.OnEvent;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * On {@code project.cancelled}: remembers the project (no execution of it starts any more), cancels its
 * unfinished executions (those waiting for a person's answer too, whose open questions are cancelled) with
 * {@code execution.cancelled}, and after the commit interrupts those running
 * here. One running on another replica stops at its next checkpoint, which finds it CANCELLED.
 */
@Component
class ProjectCancellations {
    private final JdbcTemplate jdbc;
    private final EventPublisher events;
    private final ExecutionRunner runner;

    ProjectCancellations(JdbcTemplate jdbc, EventPublisher events, ExecutionRunner runner) {
        this.jdbc = jdbc;
        this.events = events;
        this.runner = runner;
    }

    private record Stopped(UUID id, UUID taskId) {}

    @OnEvent
    void on(Cancelled cancelled, EventMetadata event) {
        jdbc.update(
                "insert into cancelled_project (project_id, tenant, reason) values (?, ?, ?) on conflict do nothing",
                cancelled.projectId(),
                event.tenant(),
                cancelled.reason());
        // one statement, no read-modify-write race with a step being stored (its version check then fails)
        List<Stopped> stopped = jdbc.query(
                """
                update execution set status = 'CANCELLED', error = 'project cancelled', retryable = false,
                    completed_at = now(), version = version + 1
                where project_id = ? and tenant = ? and status in ('PENDING', 'RUNNING', 'WAITING_INPUT')
                returning id, task_id""",
                (rs, i) -> new Stopped(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)),
                cancelled.projectId(),
                event.tenant());
        // questions nobody needs answered any more
        jdbc.update(
                "update question set status = 'CANCELLED' where project_id = ? and tenant = ? and status = 'OPEN'",
                cancelled.projectId(),
                event.tenant());
        for (Stopped c : stopped) {
            events.publish(c.id(), new ExecutionCancelled(c.id(), c.taskId(), cancelled.projectId()), event.tenant());
        }
        if (!stopped.isEmpty()) {
            List<UUID> ids = stopped.stream().map(Stopped::id).toList();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    runner.cancel(ids);
                }
            });
        }
    }
}
