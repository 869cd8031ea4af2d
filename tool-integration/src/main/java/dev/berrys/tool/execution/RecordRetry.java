package dev.berrys.tool.execution;

import dev.berrys.starter.calls.Outages;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a tool call did, after the tool has run: a database that is briefly unavailable then costs time, not a
 * second run of the tool. While the failure is an outage ({@link Outages}) the write is tried again with a doubling
 * pause, for as long as {@code patience}; after that, or on any other failure, {@link ToolRanUnrecorded} says that
 * the tool ran, so that its idempotency key is kept (a retry then waits for it or for its lease, never runs at once).
 */
final class RecordRetry {
    private static final Logger log = LoggerFactory.getLogger(RecordRetry.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private final Duration patience;

    RecordRetry(Duration patience) {
        this.patience = patience;
    }

    /** Runs {@code write} until it succeeds, the failure is not an outage, or the patience is spent. */
    void run(Runnable write) {
        long deadline = System.nanoTime() + patience.toNanos();
        Duration pause = FIRST_PAUSE;
        int tries = 0;
        while (true) {
            tries++;
            try {
                write.run();
                if (tries > 1) {
                    log.info("tool execution recorded after {} tries", tries);
                }
                return;
            } catch (RuntimeException e) {
                if (!Outages.isOutage(e) || System.nanoTime() + pause.toNanos() > deadline) {
                    throw new ToolRanUnrecorded(e);
                }
                log.warn(
                        "could not record a tool execution, trying again in {} ms: {}", pause.toMillis(), e.toString());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
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
