package dev.berrys.project.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.lang.Contract;

/**
 * A project as clients read it.
 *
 * @param statusReason why it is PAUSED, FAILED or CANCELLED ({@link StatusReasons} or a failure reason)
 * @param progress tasks of the current plan done and in total
 * @param costUsd model spend so far (from model-orchestration's {@code model.call-recorded} events)
 * @param tokensUsed input plus output tokens so far
 * @param simulatedCalls model calls so far answered by the built-in simulated model, not a real one
 */
public record ProjectView(
        UUID id,
        String name,
        String goal,
        ProjectStatus status,
        @Nullable String statusReason,
        @Nullable BigDecimal budgetUsd,
        @Nullable Long budgetTokens,
        boolean requirePlanApproval,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant startedAt,
        @Nullable Instant completedAt,
        Progress progress,
        @Nullable UUID planId,
        @Nullable Integer planVersion,
        BigDecimal costUsd,
        long tokensUsed,
        long simulatedCalls) {

    public record Progress(int done, int total) {}

    /** Without the column's trailing zeros and never in exponent form (10, 0.25, 0). */
    @Contract("!null -> !null")
    static @Nullable BigDecimal plain(@Nullable BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
