package dev.berrys.starter.security;

import dev.berrys.contracts.security.RevokedSubjects;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The subjects whose tokens the gateway has taken back (disabled users, revoked API keys), as it publishes them
 * in a Redis hash (subject → epoch second of the revocation). Reloaded every {@code revocationRefresh}, so that a
 * token called straight at a service (not through the gateway) stops working within that time too. When Redis
 * cannot be read, the last copy is kept (the copy and its refresh are shared-contracts' {@link RevokedSubjects},
 * as in the gateway).
 */
public class TokenRevocations implements AutoCloseable {
    private final RedisClient redis;
    private final String key;
    private final RevokedSubjects revoked = new RevokedSubjects("token-revocations");

    public TokenRevocations(RedisClient redis, String key, Duration refresh) {
        this.redis = redis;
        this.key = key;
        revoked.refreshEvery(Duration.ZERO, Duration.ofMillis(Math.max(100, refresh.toMillis())), this::refresh);
    }

    /** Whether a token of {@code subject} issued at {@code issuedAt} was revoked (no {@code iat}: any revocation). */
    public boolean isRevoked(@Nullable String subject, @Nullable Instant issuedAt) {
        return revoked.isRevoked(subject, issuedAt);
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
            revoked.replace(fresh, Long.MAX_VALUE);
        }
    }

    @Override
    public void close() {
        revoked.close();
    }
}
