package dev.berrys.model.budget;

import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A project's budget, what it has spent and what calls running now have reserved of it; a null limit is no
 * limit.
 */
public record Budget(
        UUID projectId,
        @Nullable BigDecimal budgetUsd,
        @Nullable Long budgetTokens,
        BigDecimal spentUsd,
        long spentTokens,
        BigDecimal reservedUsd,
        long reservedTokens,
        boolean warned) {

    /** Whether the spending has reached {@code ratio} of a limit. */
    public boolean reached(double ratio) {
        return (budgetUsd != null
                        && budgetUsd.signum() >= 0
                        && spentUsd.compareTo(budgetUsd.multiply(BigDecimal.valueOf(ratio))) >= 0)
                || (budgetTokens != null && spentTokens >= budgetTokens * ratio);
    }

    public boolean limited() {
        return budgetUsd != null || budgetTokens != null;
    }
}
