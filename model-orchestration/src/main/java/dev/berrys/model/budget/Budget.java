package dev.berrys.model.budget;

import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A project's budget (or, with {@link #TENANT_SCOPE}, the tenant's), what it has spent and what calls running
 * now have reserved of it; a null limit is no limit. {@code setByRole}: who set the limits (ADMIN or OPERATOR;
 * null where they came from the project's events).
 */
public record Budget(
        UUID projectId,
        @Nullable BigDecimal budgetUsd,
        @Nullable Long budgetTokens,
        BigDecimal spentUsd,
        long spentTokens,
        BigDecimal reservedUsd,
        long reservedTokens,
        boolean warned,
        @Nullable String setByRole) {

    /** The project id of a tenant's own budget, which every call of the tenant counts against. */
    public static final UUID TENANT_SCOPE = new UUID(0, 0);

    /** Whether {@code usd} and {@code tokens} allow more than these limits do (null: no limit). */
    public boolean raisedBy(@Nullable BigDecimal usd, @Nullable Long tokens) {
        boolean usdRaised = budgetUsd != null && (usd == null || usd.compareTo(budgetUsd) > 0);
        boolean tokensRaised = budgetTokens != null && (tokens == null || tokens > budgetTokens);
        return usdRaised || tokensRaised;
    }

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
