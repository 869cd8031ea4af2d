package dev.berrys.contracts.events;

import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Payloads on {@code berrys.model}, published by model-orchestration. */
public final class ModelEvents {
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
            String outcome) {}

    /** At 80% of a budget ({@code BudgetWarning}) and on a refused call ({@code BudgetExceeded}). */
    public record BudgetWarning(
            UUID projectId,
            BigDecimal spentUsd,
            @Nullable BigDecimal budgetUsd,
            long spentTokens,
            @Nullable Long budgetTokens) {}

    public record BudgetExceeded(
            UUID projectId,
            BigDecimal spentUsd,
            @Nullable BigDecimal budgetUsd,
            long spentTokens,
            @Nullable Long budgetTokens) {}

    private ModelEvents() {}
}
