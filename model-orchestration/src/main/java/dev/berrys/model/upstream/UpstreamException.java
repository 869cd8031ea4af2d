package dev.berrys.model.upstream;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Why an attempt at a provider failed; the message is safe to record (no upstream body, no key). */
public class UpstreamException extends RuntimeException {
    public enum Kind {
        /** 429; {@link #retryAfter()} when the provider said how long to wait. */
        RATE_LIMITED(true, true),
        /** 5xx. */
        SERVER_ERROR(true, true),
        /** No answer within the provider's timeout. */
        TIMEOUT(true, true),
        /** Connection refused or reset. */
        CONNECTION(true, true),
        /** An answer that is not the provider's wire format. */
        MALFORMED(false, true),
        /** Another 4xx: the provider refused (bad key, unknown upstream model); another model may do. */
        REFUSED(false, false),
        /** The simulated provider's configured failure: surfaces to the caller as a 503, who retries. */
        SIMULATED_FAILURE(false, false);

        private final boolean retryable;
        private final boolean countsForCircuit;

        Kind(boolean retryable, boolean countsForCircuit) {
            this.retryable = retryable;
            this.countsForCircuit = countsForCircuit;
        }
    }

    private final Kind kind;
    private final int status;
    private final @Nullable Duration retryAfter;

    public UpstreamException(Kind kind, int status, String reason, @Nullable Duration retryAfter) {
        super(reason, null, false, false);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public UpstreamException(Kind kind, int status, String reason) {
        this(kind, status, reason, null);
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    public boolean retryable() {
        return kind.retryable;
    }

    public boolean countsForCircuit() {
        return kind.countsForCircuit;
    }

    /** Classifies an HTTP status of a failed answer. */
    public static UpstreamException ofStatus(int status, @Nullable Duration retryAfter) {
        if (status == 429) {
            return new UpstreamException(
                    Kind.RATE_LIMITED,
                    status,
                    "429 rate limited" + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toMillis() + " ms)"),
                    retryAfter);
        }
        if (status >= 500) {
            return new UpstreamException(Kind.SERVER_ERROR, status, status + " server error", retryAfter);
        }
        return new UpstreamException(Kind.REFUSED, status, status + " refused by the provider");
    }
}
