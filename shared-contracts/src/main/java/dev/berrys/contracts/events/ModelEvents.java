package dev.berrys.contracts.events;

import dev.berrys.contracts.Streams;
import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Payloads on {@code berrys.model}, published by model-orchestration. */
public final class ModelEvents {
    /** One model call; {@code simulated} where the built-in simulated model answered it (not a real model). */
    @Event(type = EventTypes.MODEL_CALL_RECORDED, stream = Streams.MODEL)
    public record CallRecorded(
            UUID callId,
            @Nullable UUID projectId,
            @Nullable UUID taskId,
            @Nullable UUID agentId,
            String provider,
            String model,
            long inputTokens,
            long outputTokens,
            BigDecimal costUsd,
            long latencyMs,
            String outcome,
            boolean simulated) {}

    /** At 80% of a budget ({@code BudgetWarning}) and on a refused call ({@code BudgetExceeded}). */
    @Event(type = EventTypes.BUDGET_WARNING, stream = Streams.MODEL)
    public record BudgetWarning(
            UUID projectId,
            BigDecimal spentUsd,
            @Nullable BigDecimal budgetUsd,
            long spentTokens,
            @Nullable Long budgetTokens) {}

    @Event(type = EventTypes.BUDGET_EXCEEDED, stream = Streams.MODEL)
    public record BudgetExceeded(
            UUID projectId,
            BigDecimal spentUsd,
            @Nullable BigDecimal budgetUsd,
            long spentTokens,
            @Nullable Long budgetTokens) {}

    private ModelEvents() {}
}
