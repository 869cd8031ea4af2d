package dev.berrys.model.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How Berrys calls a provider. Every field is optional; the accessors without {@code get} give the
 * defaults.
 *
 * @param timeoutMs a whole call's time limit (a streamed call: until the first chunk and between chunks)
 * @param maxConcurrency calls in flight at once; more wait up to the timeout, then fall back
 * @param maxRetries retries of a failed attempt on the same model (429, 5xx, timeout), with backoff and jitter
 * @param fallback model names tried in order when this provider's model fails
 * @param circuitFailureRate percentage of failed calls in the window that opens the circuit
 * @param circuitOpenMs how long an open circuit refuses calls before letting a probe through
 * @param simulatedLatencyMs SIMULATED only: latency of each answer (else {@code BERRYS_SIMULATED_LATENCY_MS})
 * @param simulatedFailureRate SIMULATED only: share of calls failing as a failed answer (else
 *     {@code BERRYS_SIMULATED_FAILURE_RATE})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProviderSettings(
        @Nullable @Min(1) @Max(600_000) Integer timeoutMs,
        @Nullable @Min(1) @Max(10_000) Integer maxConcurrency,
        @Nullable @Min(0) @Max(10) Integer maxRetries,
        @Nullable List<String> fallback,
        @Nullable @Min(1) @Max(100) Integer circuitFailureRate,
        @Nullable @Min(100) @Max(3_600_000) Integer circuitOpenMs,
        @Nullable @Min(0) @Max(600_000) Integer simulatedLatencyMs,
        @Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double simulatedFailureRate) {

    public static final ProviderSettings DEFAULTS =
            new ProviderSettings(null, null, null, null, null, null, null, null);

    public int timeout() {
        return timeoutMs == null ? 60_000 : timeoutMs;
    }

    public int concurrency() {
        return maxConcurrency == null ? 256 : maxConcurrency;
    }

    public int retries() {
        return maxRetries == null ? 2 : maxRetries;
    }

    public List<String> fallbackChain() {
        return fallback == null ? List.of() : fallback;
    }

    public int circuitRate() {
        return circuitFailureRate == null ? 50 : circuitFailureRate;
    }

    public int circuitOpen() {
        return circuitOpenMs == null ? 30_000 : circuitOpenMs;
    }
}
