package dev.berrys.planning.plan;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the plan and task endpoints answer. */
public final class PlanViews {
    private PlanViews() {}

    /** A version in {@code GET /api/plans?projectId=}. */
    public record PlanSummary(
            UUID id,
            UUID projectId,
            int version,
            PlanStatus status,
            Instant createdAt,
            int taskCount,
            int completedTasks,
            @Nullable String feedback) {
        static PlanSummary of(Plan p) {
            return new PlanSummary(
                    p.id(),
                    p.projectId(),
                    p.version(),
                    p.status(),
                    p.createdAt(),
                    p.taskCount(),
                    p.completedTasks(),
                    p.feedback());
        }
    }

    /** {@code GET /api/plans/{id}}: the plan with its tasks in plan order and its critical path. */
    public record PlanDetail(
            UUID id,
            UUID projectId,
            int version,
            PlanStatus status,
            @Nullable String statusReason,
            String goal,
            @Nullable String feedback,
            Instant createdAt,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            int taskCount,
            int completedTasks,
            List<UUID> criticalPath,
            List<TaskView> tasks) {}

    /** A task; {@code dependsOn} holds task ids. */
    public record TaskView(
            UUID id,
            UUID projectId,
            UUID planId,
            String key,
            String title,
            String description,
            String role,
            TaskStatus status,
            List<UUID> dependsOn,
            @Nullable UUID agentId,
            int attempts,
            @Nullable Instant startedAt,
            @Nullable Instant completedAt,
            @Nullable String output,
            @Nullable String lastError,
            boolean onCriticalPath,
            @Nullable Instant nextAttemptAt,
            @Nullable String waitingReason,
            @Nullable Instant waitingSince) {
        static TaskView of(Task t) {
            return new TaskView(
                    t.id(),
                    t.projectId(),
                    t.planId(),
                    t.key(),
                    t.title(),
                    t.description(),
                    t.role(),
                    t.status(),
                    t.dependsOn().stream().sorted().toList(),
                    t.agentId(),
                    t.attempts(),
                    t.startedAt(),
                    t.completedAt(),
                    t.output(),
                    t.lastError(),
                    t.criticalPosition() != null,
                    t.nextAttemptAt(),
                    t.waitingReason(),
                    t.waitingSince());
        }
    }
}
