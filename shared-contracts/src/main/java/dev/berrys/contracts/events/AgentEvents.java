package dev.berrys.contracts.events;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Payloads on {@code berrys.agent}, published by agent-orchestrator. */
public final class AgentEvents {
    public record TeamAssembled(UUID projectId, UUID planId, List<AgentRef> agents) {}

    public record ExecutionStarted(UUID executionId, UUID taskId, UUID projectId, UUID agentId, int attempt) {}

    public record ExecutionStepRecorded(
            UUID executionId,
            UUID taskId,
            UUID projectId,
            int index,
            String kind,
            @Nullable String tool,
            String summary) {}

    public record ExecutionCompleted(
            UUID executionId,
            UUID taskId,
            UUID projectId,
            UUID agentId,
            int attempt,
            String output,
            long inputTokens,
            long outputTokens) {}

    /** {@code retryable} is false where another attempt cannot help (budget exhausted, cancelled). */
    public record ExecutionFailed(
            UUID executionId,
            UUID taskId,
            UUID projectId,
            UUID agentId,
            int attempt,
            String reason,
            boolean retryable) {}

    public record ExecutionCancelled(UUID executionId, UUID taskId, UUID projectId) {}

    private AgentEvents() {}
}
