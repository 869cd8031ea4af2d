package dev.berrys.model.routing;

import org.jspecify.annotations.Nullable;

/**
 * One model the router tried for a call and why it was left ({@code reason} is null for the attempt
 * that answered).
 */
public record Attempt(
        String model,
        String provider,
        String outcome,
        @Nullable String reason,
        long latencyMs) {
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String SKIPPED = "SKIPPED";
}
