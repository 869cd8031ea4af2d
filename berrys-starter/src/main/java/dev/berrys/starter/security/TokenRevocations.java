package dev.berrys.starter.security;

import io.lettuce.core.RedisClient;
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
 * The subjects whose tokens the gateway has taken back (disabled users, revoked API keys), as it publishes them
 * in a Redis hash (subject → epoch second of the revocation). Reloaded every {@code revocationRefresh}, so that a
 * token called straight at a service (not through the gateway) stops working within that time too. When Redis
 * cannot be read, the last copy is kept.
 */
public class TokenRevocations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TokenRevocations.class);

    private final RedisClient redis;
    private final String key;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("token-revocations").factory());
    private volatile Map<String, Long> revoked = Map.of();

    public TokenRevocations(RedisClient redis, String key, Duration refresh) {
        this.redis = redis;
        this.key = key;
        long every = Math.max(100, refresh.toMillis());
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Whether a token of {@code subject} issued at {@code issuedAt} was revoked (no {@code iat}: any revocation). */
    public boolean isRevoked(@Nullable String subject, @Nullable Instant issuedAt) {
        Long at = subject == null ? null : revoked.get(subject);
        return at != null && (issuedAt == null || issuedAt.getEpochSecond() <= at);
    }

    /** Reads the hash now. */
    public void refresh() {
        try (var c = redis.connect()) {
            Map<String, Long> fresh = new HashMap<>();
            c.sync().hgetall(key).forEach((subject, at) -> {
                try {
                    fresh.put(subject, Long.parseLong(at));
                } catch (NumberFormatException ignored) {
                    // not written by the gateway: skipped
                }
            });
            revoked = Map.copyOf(fresh);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Could not refresh the token revocations, keeping the last ones: {}", e.toString());
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
