package dev.berrys.model.catalog;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A provider as the router uses it, with its API key readable in memory only. */
public record ProviderRuntime(
        UUID id,
        String name,
        ProviderType type,
        @Nullable String baseUrl,
        @Nullable String apiKey,
        boolean enabled,
        ProviderSettings settings) {

    public boolean simulated() {
        return type == ProviderType.SIMULATED;
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ProviderRuntime[" + name + ", " + type + ", " + baseUrl + ", key " + (apiKey == null ? "none" : "set")
                + "]";
    }
}
