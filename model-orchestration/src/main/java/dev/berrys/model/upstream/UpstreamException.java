package dev.berrys.model.upstream;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Why an attempt at a provider failed; the message is safe to record (no upstream body, no key). */
public class UpstreamException extends RuntimeException {
    public enum Kind {
        /** 429; {@link #retryAfter()} when the provider said how long to wait. */
        RATE_LIMITED(true, true, false),
        /** 5xx. */
        SERVER_ERROR(true, true, false),
        /** No answer within the provider's timeout. */
        TIMEOUT(true, true, false),
        /** Connection refused or reset. */
        CONNECTION(true, true, false),
        /**
         * A kept-alive connection the provider had closed, found out when the request went on it: tried
         * again at once on a new connection, and no sign of the provider's health.
         */
        CLOSED_BEFORE_ANSWER(true, false, false),
        /** An answer that is not the provider's wire format (or not the JSON schema asked for). */
        MALFORMED(false, true, true),
        /** Another 4xx: the provider refused (bad key, unknown upstream model); another model may do. */
        REFUSED(false, false, false),
        /**
         * The model answered that it failed, as a flaky model may (the simulated provider's configured failure
         * rate): tried again like a 5xx, no sign of the provider's health, and a failure of the work, not an
         * outage, when no other try answers.
         */
        FAILED_ANSWER(true, false, true);

        private final boolean retryable;
        private final boolean countsForCircuit;
        private final boolean answerFailed;

        Kind(boolean retryable, boolean countsForCircuit, boolean answerFailed) {
            this.retryable = retryable;
            this.countsForCircuit = countsForCircuit;
            this.answerFailed = answerFailed;
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

    /** The message it was made with, never null (NullAway takes {@link Throwable#getMessage()} as nullable). */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
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

    /** A model answered, but its answer failed: a failure of the caller's work rather than an outage. */
    public boolean answerFailed() {
        return kind.answerFailed;
    }

    /**
     * Classifies a failure below HTTP (an SDK's I/O error and its causes): a timeout, a refused connection,
     * a kept-alive connection closed before the answer, another lost connection.
     */
    public static UpstreamException ofTransport(Throwable e, Duration timeout) {
        Throwable root = e;
        for (Throwable c = e; c != null; c = c.getCause()) {
            // SocketTimeoutException (connect, read: a stalled stream) and OkHttp's call timeout
            if (c instanceof InterruptedIOException) {
                return new UpstreamException(Kind.TIMEOUT, 0, "timeout after " + timeout.toMillis() + " ms");
            }
            if (c instanceof ConnectException) {
                return new UpstreamException(Kind.CONNECTION, 0, "connection refused");
            }
            // OkHttp's words for a pooled connection that the server closed before answering
            if (c instanceof IOException
                    && c.getMessage() != null
                    && c.getMessage().startsWith("unexpected end of stream")) {
                return new UpstreamException(
                        Kind.CLOSED_BEFORE_ANSWER, 0, "connection closed by the provider before it answered");
            }
            root = c;
        }
        return new UpstreamException(
                Kind.CONNECTION, 0, "connection failed: " + root.getClass().getSimpleName());
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
