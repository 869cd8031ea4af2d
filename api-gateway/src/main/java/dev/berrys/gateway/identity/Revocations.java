package dev.berrys.gateway.identity;

import dev.berrys.contracts.security.RevokedSubjects;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tokens taken back before they expire. Tokens are JWTs that services verify on their own, but every user call
 * passes the gateway, so the gateway refuses a token whose subject was revoked at or after the token's
 * {@code iat}. Revocations are rows in {@code token_revocations}; each replica keeps a copy in memory, refreshed
 * every {@code berrys.auth.revocation-refresh} (a revocation made here counts here at once). Rows older than a
 * token's lifetime no longer matter and are pruned.
 *
 * <p>Services verify tokens on their own and may be called past the gateway, so each revocation is also published
 * to the Redis hash {@code berrys.token.revocation-key} (subject → epoch second), at once (off the caller's
 * thread) and again (the whole
 * table, pruned ones removed) at every refresh; the services read it (berrys-starter's {@code TokenRevocations}).
 * A failed publish is logged and made good by the next refresh.
 */
@Component
@BuiltInIssuer
public class Revocations implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Revocations.class);

    private final JdbcClient jdbc;
    private final Duration keep;
    private final Clock clock = Clock.systemUTC();
    /** subject → epoch second of its last revocation; replaced whole on refresh. */
    private final RevokedSubjects revoked = new RevokedSubjects("revocations");

    private final StringRedisTemplate redis;
    private final String key;

    Revocations(JdbcClient jdbc, AuthProperties props, StringRedisTemplate redis, TokenSettings tokens) {
        this.jdbc = jdbc;
        this.redis = redis;
        this.key = tokens.revocationKey();
        this.keep = props.tokenTtl().plusMinutes(5);
        refresh();
        revoked.refreshEvery(props.revocationRefresh(), props.revocationRefresh(), this::refresh);
    }

    /** Every token of {@code subject} issued up to now stops working. Blocking. */
    public void revoke(String subject) {
        Instant now = clock.instant();
        jdbc.sql("insert into token_revocations (subject, revoked_at) values (:subject, :at)"
                        + " on conflict (subject) do update set revoked_at = excluded.revoked_at")
                .param("subject", subject)
                .param("at", Timestamp.from(now))
                .update();
        revoked.add(subject, now.getEpochSecond());
        // published off the caller's thread: a slow or absent Redis must not hold up taking access back here
        revoked.inBackground(() -> {
            try {
                redis.opsForHash().put(key, subject, Long.toString(now.getEpochSecond()));
            } catch (RuntimeException e) {
                log.warn("Could not publish a revocation to the services, the next refresh will: {}", e.toString());
            }
        });
    }

    /** Whether a token of {@code subject} issued at {@code issuedAt} was taken back (no {@code iat}: any revocation). */
    public boolean isRevoked(@Nullable String subject, @Nullable Instant issuedAt) {
        return revoked.isRevoked(subject, issuedAt);
    }

    /**
     * Waits, if need be, until a token issued now is newer than the subject's last revocation: {@code iat} counts
     * in seconds, so a token issued in the second of a revocation would be refused with the old ones. Blocking,
     * at most a second, and only right after a revocation.
     */
    public void awaitNewerThanRevocation(String subject) throws InterruptedException {
        Optional<Instant> last = jdbc.sql("select revoked_at from token_revocations where subject = :subject")
                .param("subject", subject)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
        if (last.isEmpty()) {
            return;
        }
        long firstValidMillis = (last.get().getEpochSecond() + 1) * 1000;
        long wait = firstValidMillis - clock.millis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    void refresh() {
        Instant horizon = clock.instant().minus(keep);
        jdbc.sql("delete from token_revocations where revoked_at < :horizon")
                .param("horizon", Timestamp.from(horizon))
                .update();
        Map<String, Long> fresh = new HashMap<>();
        jdbc.sql("select subject, revoked_at from token_revocations").query(rs -> {
            fresh.put(
                    rs.getString("subject"),
                    rs.getTimestamp("revoked_at").toInstant().getEpochSecond());
        });
        // a revocation made here while the query ran must not be lost
        publish(revoked.replace(fresh, horizon.getEpochSecond()));
    }

    /** Makes the services' hash what this replica knows: every revocation that still matters, no other. */
    private void publish(Map<String, Long> current) {
        try {
            var hash = redis.opsForHash();
            Object[] stale = hash.keys(key).stream()
                    .filter(subject -> !current.containsKey(String.valueOf(subject)))
                    .toArray();
            if (stale.length > 0) {
                hash.delete(key, stale);
            }
            if (!current.isEmpty()) {
                Map<String, String> values = new HashMap<>();
                current.forEach((subject, at) -> values.put(subject, Long.toString(at)));
                hash.putAll(key, values);
            }
        } catch (RuntimeException e) {
            log.warn("Could not publish the revocations to the services: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        revoked.close();
    }
}
