package dev.berrys.model.catalog;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Set;
import java.util.UUID;

/** A catalog model with its provider: one candidate of the router. */
public record ModelRoute(
        UUID id,
        String name,
        String upstreamName,
        int contextWindow,
        Set<Capability> capabilities,
        BigDecimal inputPricePerMillion,
        BigDecimal outputPricePerMillion,
        boolean enabled,
        ProviderRuntime provider) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public boolean usable() {
        return enabled && provider.enabled();
    }

    public boolean can(Capability capability) {
        return capabilities.contains(capability);
    }

    /** What the call cost at the model's prices; nothing at a simulated provider, which no one is paid for. */
    public BigDecimal cost(long inputTokens, long outputTokens) {
        if (provider.simulated()) {
            return BigDecimal.ZERO;
        }
        return inputPricePerMillion
                .multiply(BigDecimal.valueOf(inputTokens))
                .add(outputPricePerMillion.multiply(BigDecimal.valueOf(outputTokens)))
                .divide(MILLION, MathContext.DECIMAL64);
    }
}
