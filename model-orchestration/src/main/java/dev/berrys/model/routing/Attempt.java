package dev.berrys.model.routing;

import org.jspecify.annotations.Nullable;

/**
 * One model the router tried for a call and why it was left ({@code reason} is null for the attempt
 * that answered). Stored in {@code model_call.attempts} and answered as JSON with the outcome's name.
 */
public record Attempt(
        String model,
        String provider,
        Outcome outcome,
        @Nullable String reason,
        long latencyMs) {

    /** How the attempt ended; its name is the stored and answered string. */
    public enum Outcome {
        /** The model answered. */
        SUCCEEDED,
        /** The model was called and failed (an error, a timeout, an unusable answer). */
        FAILED,
        /** The model was not called (e.g. its provider's circuit is open). */
        SKIPPED
    }
}
