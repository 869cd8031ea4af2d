package dev.berrys.model;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * model-orchestration's settings ({@code berrys.model.*}, from the environment variables in
 * application.yml).
 *
 * @param encryptionKey base64 of 32 bytes for AES-GCM of stored API keys; empty refuses to store keys
 * @param simulated the simulated provider
 * @param openai a provider configured at start from {@code OPENAI_API_KEY} / {@code OPENAI_BASE_URL}
 * @param anthropic a provider configured at start from {@code ANTHROPIC_API_KEY}
 * @param ollama a provider configured at start from {@code OLLAMA_BASE_URL}
 * @param routing budget warning ratio and catalog cache
 */
@ConfigurationProperties("berrys.model")
public record ModelProperties(
        @DefaultValue("") String encryptionKey,
        @DefaultValue Simulated simulated,
        @DefaultValue Upstream openai,
        @DefaultValue Upstream anthropic,
        @DefaultValue Upstream ollama,
        @DefaultValue Routing routing) {

    /**
     * @param enabled empty: on unless a real provider is configured at start
     * @param fallback whether {@code auto} and fallback chains may still end on the simulated model while a
     *     tenant has a real model: off, a call the real models cannot answer is an outage, not a simulated answer
     */
    public record Simulated(
            @Nullable String enabled,
            @DefaultValue("50") long latencyMs,
            @DefaultValue("0") double failureRate,
            @DefaultValue("false") boolean fallback) {}

    public record Upstream(
            @DefaultValue("") String apiKey,
            @DefaultValue("") String baseUrl,
            @DefaultValue("") List<String> models) {

        public boolean hasKey() {
            return !apiKey.isBlank();
        }
    }

    public record Routing(
            @DefaultValue("0.8") double warningRatio,
            @DefaultValue("2s") Duration catalogTtl) {}

    /** Whether the simulated provider is seeded: as configured, else when no real provider is. */
    public boolean simulatedEnabled() {
        String e = simulated.enabled();
        if (e != null && !e.isBlank()) {
            return !"false".equalsIgnoreCase(e.strip());
        }
        return !openai.hasKey() && !anthropic.hasKey() && ollama.baseUrl().isBlank();
    }
}
