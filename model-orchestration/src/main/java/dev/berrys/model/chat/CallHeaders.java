package dev.berrys.model.chat;

import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the {@code X-Berrys-*} headers say about a call: whose work it is (for accounting and budgets),
 * its purpose and an optional price ceiling for {@code auto}.
 */
public record CallHeaders(
        @Nullable UUID projectId,
        @Nullable UUID taskId,
        @Nullable UUID agentId,
        @Nullable String purpose,
        @Nullable BigDecimal maxPricePerMillion) {

    public static final String MAX_PRICE = "X-Berrys-Max-Price-Per-Million";
}
