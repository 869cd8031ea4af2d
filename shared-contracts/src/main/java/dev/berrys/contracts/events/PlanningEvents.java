package dev.berrys.contracts.events;

import dev.berrys.contracts.Streams;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Payloads on {@code berrys.planning}, published by planning-system. */
public final class PlanningEvents {
    public record TaskSpec(UUID taskId, String title, String role, List<UUID> dependsOn) {}

    @Event(type = EventTypes.PLAN_CREATED, stream = Streams.PLANNING)
    public record PlanCreated(
            UUID planId, UUID projectId, int version, List<TaskSpec> tasks, List<UUID> criticalPath) {}

    @Event(type = EventTypes.PLAN_FAILED, stream = Streams.PLANNING)
    public record PlanFailed(UUID projectId, @Nullable UUID planId, String reason) {}

    @Event(type = EventTypes.PLAN_COMPLETED, stream = Streams.PLANNING)
    public record PlanCompleted(UUID planId, UUID projectId, String goal, List<TaskOutput> outputs) {}

    /**
     * A FAILED plan runs again: its failed tasks and what they held up are to be done, its completed tasks
     * keep their outputs. {@code reason} says who or what reopened it.
     */
    @Event(type = EventTypes.PLAN_REOPENED, stream = Streams.PLANNING)
    public record PlanReopened(UUID planId, UUID projectId, String reason) {}

    @Event(type = EventTypes.TASK_READY, stream = Streams.PLANNING)
    public record TaskReady(UUID taskId, UUID planId, UUID projectId) {}

    /** Run this task on that agent; carries everything the execution needs. */
    @Event(type = EventTypes.TASK_ASSIGNED, stream = Streams.PLANNING)
    public record TaskAssigned(
            UUID taskId,
            UUID planId,
            UUID projectId,
            UUID agentId,
            String role,
            String title,
            String description,
            String goal,
            int attempt,
            List<TaskOutput> dependencyOutputs) {}

    @Event(type = EventTypes.TASK_STARTED, stream = Streams.PLANNING)
    public record TaskStarted(UUID taskId, UUID planId, UUID projectId, UUID agentId, UUID executionId) {}

    @Event(type = EventTypes.TASK_COMPLETED, stream = Streams.PLANNING)
    public record TaskCompleted(UUID taskId, UUID planId, UUID projectId, int completedTasks, int totalTasks) {}

    @Event(type = EventTypes.TASK_FAILED, stream = Streams.PLANNING)
    public record TaskFailed(UUID taskId, UUID planId, UUID projectId, String reason, int attempts) {}

    /**
     * A person skipped the task: it counts as done, and its dependants get {@code output} (which says it
     * was skipped and why) in its place.
     */
    @Event(type = EventTypes.TASK_SKIPPED, stream = Streams.PLANNING)
    public record TaskSkipped(
            UUID taskId, UUID planId, UUID projectId, String reason, int completedTasks, int totalTasks) {}

    @Event(type = EventTypes.TASK_RETRY_SCHEDULED, stream = Streams.PLANNING)
    public record TaskRetryScheduled(
            UUID taskId, UUID planId, UUID projectId, int nextAttempt, Instant notBefore, String reason) {}

    @Event(type = EventTypes.TASK_CANCELLED, stream = Streams.PLANNING)
    public record TaskCancelled(
            UUID taskId,
            UUID planId,
            UUID projectId,
            @Nullable String reason) {}

    private PlanningEvents() {}
}
