package dev.berrys.tool.execution;

import dev.berrys.starter.calls.OutagePolicy;
import dev.berrys.starter.calls.OutageProperties;
import dev.berrys.starter.calls.Outages;
import java.time.Duration;
import java.util.Objects;

/**
 * Writes what a tool call did, after the tool has run: a database that is briefly unavailable then costs time, not a
 * second run of the tool. While the failure is an outage ({@link Outages}) the write is tried again by the platform's
 * {@link OutagePolicy} (doubling pause from 100 ms up to 5 s) for as long as {@code patience}, shorter than the
 * services' outage tolerance because the caller is waiting; after that, or on any other failure,
 * {@link ToolRanUnrecorded} says that the tool ran, so that its idempotency key is kept (a retry then waits for it or
 * for its lease, never runs at once).
 */
final class RecordRetry {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private final OutagePolicy policy;

    RecordRetry(Duration patience) {
        // the model-call budget is no concern of a database write
        this.policy = new OutagePolicy(new OutageProperties(patience, FIRST_PAUSE, MAX_PAUSE, Duration.ZERO));
    }

    /** Runs {@code write} until it succeeds, the failure is not an outage, or the patience is spent. */
    void run(Runnable write) {
        try {
            policy.call("the tool-execution record's database", OutagePolicy.Waiting.NONE, () -> {
                write.run();
                return null;
            });
        } catch (OutagePolicy.OutageOutlasted e) {
            throw new ToolRanUnrecorded(e.getCause() instanceof RuntimeException last ? last : e);
        } catch (RuntimeException e) {
            throw new ToolRanUnrecorded(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolRanUnrecorded(new IllegalStateException("interrupted while waiting to record", e));
        }
    }

    /** The tool ran, but what it did could not be recorded: its key must not be given up. */
    static final class ToolRanUnrecorded extends RuntimeException {
        ToolRanUnrecorded(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }

        RuntimeException original() {
            return (RuntimeException) Objects.requireNonNull(getCause()); // the constructor sets it
        }
    }
}
