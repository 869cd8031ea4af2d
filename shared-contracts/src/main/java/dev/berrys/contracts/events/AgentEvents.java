package dev.berrys.contracts.events;

import dev.berrys.contracts.Streams;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Payloads on {@code berrys.agent}, published by agent-orchestrator. */
public final class AgentEvents {
    @Event(type = EventTypes.TEAM_ASSEMBLED, stream = Streams.AGENT)
    public record TeamAssembled(UUID projectId, UUID planId, List<AgentRef> agents) {}

    @Event(type = EventTypes.EXECUTION_STARTED, stream = Streams.AGENT)
    public record ExecutionStarted(UUID executionId, UUID taskId, UUID projectId, UUID agentId, int attempt) {}

    @Event(type = EventTypes.EXECUTION_STEP_RECORDED, stream = Streams.AGENT)
    public record ExecutionStepRecorded(
            UUID executionId,
            UUID taskId,
            UUID projectId,
            int index,
            String kind,
            @Nullable String tool,
            String summary) {}

    @Event(type = EventTypes.EXECUTION_COMPLETED, stream = Streams.AGENT)
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
    @Event(type = EventTypes.EXECUTION_FAILED, stream = Streams.AGENT)
    public record ExecutionFailed(
            UUID executionId,
            UUID taskId,
            UUID projectId,
            UUID agentId,
            int attempt,
            String reason,
            boolean retryable) {}

    @Event(type = EventTypes.EXECUTION_CANCELLED, stream = Streams.AGENT)
    public record ExecutionCancelled(UUID executionId, UUID taskId, UUID projectId) {}

    /**
     * The execution waits for a dependency that is unavailable (an outage, which uses up no attempt);
     * {@code reason} says which and why, e.g. "model-orchestration unavailable: HTTP 503".
     */
    @Event(type = EventTypes.EXECUTION_WAITING, stream = Streams.AGENT)
    public record ExecutionWaiting(
            UUID executionId, UUID taskId, UUID projectId, int attempt, String reason, Instant since) {}

    /** The dependency an execution waited for answered again; the execution goes on. */
    @Event(type = EventTypes.EXECUTION_CONTINUED, stream = Streams.AGENT)
    public record ExecutionContinued(UUID executionId, UUID taskId, UUID projectId, int attempt) {}

    /**
     * The agent asked a person a question ({@code ask_human}); the execution waits (WAITING_INPUT) until it
     * is answered through {@code POST /api/questions/{questionId}/answer}. {@code options} is empty where
     * the agent gave none (free text).
     */
    @Event(type = EventTypes.EXECUTION_INPUT_REQUESTED, stream = Streams.AGENT)
    public record ExecutionInputRequested(
            UUID questionId,
            UUID executionId,
            UUID taskId,
            UUID projectId,
            UUID agentId,
            int attempt,
            String question,
            List<String> options) {}

    /** The person's answer to a question; the execution runs on with it as the result of its tool call. */
    @Event(type = EventTypes.EXECUTION_INPUT_RECEIVED, stream = Streams.AGENT)
    public record ExecutionInputReceived(
            UUID questionId,
            UUID executionId,
            UUID taskId,
            UUID projectId,
            int attempt,
            String answer,
            @Nullable String answeredBy) {}

    private AgentEvents() {}
}
