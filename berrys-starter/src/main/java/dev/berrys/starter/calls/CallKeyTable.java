package dev.berrys.starter.calls;

import dev.berrys.starter.web.ProblemException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a service's table of idempotency keys ({@code tenant, idem_key}, a claim id column, {@code answer},
 * {@code claimed_at}) shares with every other: letting a key go, forgetting old keys and the pause between two
 * looks at a key another request holds. How a key is claimed and answered stays the service's own.
 */
public final class CallKeyTable {
    /**
     * How long a key is kept. A caller repeats a call within the outage tolerance (15 min by default) or when
     * an execution or request is taken over after its lease (minutes), never days later.
     */
    public static final Duration RETENTION = Duration.ofDays(7);

    private static final Duration POLL = Duration.ofMillis(100);

    private final JdbcTemplate jdbc;
    private final String table;
    private final String claimColumn;

    /** {@code table} and {@code claimColumn} are the service's constants, never a caller's input. */
    public CallKeyTable(JdbcTemplate jdbc, String table, String claimColumn) {
        this.jdbc = jdbc;
        this.table = table;
        this.claimColumn = claimColumn;
    }

    /** Lets the key go if {@code claim} still holds it unanswered, so that a retry runs the call again. */
    public void release(String tenant, String key, UUID claim) {
        jdbc.update(
                "delete from " + table + " where tenant = ? and idem_key = ? and " + claimColumn
                        + " = ? and answer is null",
                tenant,
                key,
                claim);
    }

    /** Forgets keys claimed longer ago than {@link #RETENTION}; answers how many. */
    public int forgetOld() {
        return jdbc.update(
                "delete from " + table + " where claimed_at < now() - make_interval(secs => ?)", RETENTION.toSeconds());
    }

    /**
     * Waits a little before the key is looked at again; a 503 {@code shutting-down} when the service stops
     * meanwhile.
     */
    public static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "shutting-down",
                    "The service stopped while this call waited for the same key's first call.",
                    Map.of());
        }
    }
}
