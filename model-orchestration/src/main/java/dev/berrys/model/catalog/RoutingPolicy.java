package dev.berrys.model.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How {@code auto} chooses for one task type (a call's {@code X-Berrys-Purpose}): the capabilities a model
 * must have besides what the request needs, a ceiling on its output price, models to try first (in order),
 * and what to prefer among the others.
 */
public record RoutingPolicy(
        UUID id,
        String taskType,
        List<String> preferredModels,
        Set<Capability> capabilities,
        @Nullable BigDecimal maxOutputPricePerMillion,
        Strategy strategy,
        Instant createdAt,
        Instant updatedAt) {

    public enum Strategy {
        /** Lower output price, then input price, then observed latency. */
        CHEAPEST,
        /** Lower observed latency, then price. */
        FASTEST,
        /** Higher observed success rate, then latency, then price. */
        MOST_RELIABLE
    }

    public RoutingPolicy {
        preferredModels = List.copyOf(preferredModels);
        capabilities = Set.copyOf(capabilities);
    }
}
