package dev.berrys.contracts.security;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory copy of the token revocations (subject → epoch second of its last revocation) that the gateway
 * (its {@code Revocations}, loaded from {@code token_revocations}) and every service (berrys-starter's
 * {@code TokenRevocations}, loaded from the Redis hash the gateway publishes) check tokens against. The copy is
 * replaced whole by {@link #replace}; {@link #refreshEvery} runs a refresh on a schedule of its own and, when one
 * fails (the database or Redis cannot be read), logs it and keeps the last copy.
 */
public final class RevokedSubjects implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RevokedSubjects.class);

    private final ScheduledExecutorService refresher;
    private volatile Map<String, Long> revoked = Map.of();

    /** {@code threadName} names the (virtual) thread that refreshes and runs {@link #inBackground} tasks. */
    public RevokedSubjects(String threadName) {
        this.refresher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name(threadName).factory());
    }

    /** Whether a token of {@code subject} issued at {@code issuedAt} was revoked (no {@code iat}: any revocation). */
    public boolean isRevoked(@Nullable String subject, @Nullable Instant issuedAt) {
        Long at = subject == null ? null : revoked.get(subject);
        return at != null && (issuedAt == null || issuedAt.getEpochSecond() <= at);
    }

    /** Adds one revocation to the copy at once (before the next refresh brings it from where they are kept). */
    public synchronized void add(String subject, long epochSecond) {
        Map<String, Long> copy = new HashMap<>(revoked);
        copy.put(subject, epochSecond);
        revoked = Map.copyOf(copy);
    }

    /**
     * Replaces the copy with {@code fresh}, keeping those of the current copy revoked at or after {@code
     * keepAddedFrom} (epoch second): a revocation {@link #add}ed while {@code fresh} was being read must not be
     * lost. {@link Long#MAX_VALUE} keeps none. Returns the new copy.
     */
    public synchronized Map<String, Long> replace(Map<String, Long> fresh, long keepAddedFrom) {
        Map<String, Long> merged = new HashMap<>(fresh);
        revoked.forEach((subject, at) -> {
            if (at >= keepAddedFrom) {
                merged.merge(subject, at, Math::max);
            }
        });
        revoked = Map.copyOf(merged);
        return revoked;
    }

    /**
     * Runs {@code refresh} every {@code every}, the first time after {@code firstAfter}; a refresh that throws is
     * logged and the last copy kept.
     */
    public void refreshEvery(Duration firstAfter, Duration every, Runnable refresh) {
        refresher.scheduleWithFixedDelay(
                () -> refreshQuietly(refresh), firstAfter.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the refresher's thread, off the caller's. */
    public void inBackground(Runnable task) {
        refresher.execute(task);
    }

    private static void refreshQuietly(Runnable refresh) {
        try {
            refresh.run();
        } catch (RuntimeException e) {
            log.warn("Could not refresh the token revocations, keeping the last ones: {}", e.toString());
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
