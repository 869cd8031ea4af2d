package dev.berrys.starter.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The retention check every table of idempotency keys ({@code dev.berrys.starter.calls.CallKeyTable}) passes,
 * written once for the services' tests: a key claimed longer ago than the retention is forgotten, a fresh one
 * kept.
 */
public final class CallKeyRetention {
    private CallKeyRetention() {}

    /**
     * Claims an old and a fresh key through {@code insertKey} (given the key, it inserts the service's row for
     * tenant {@code default}, claimed now), ages the old one past the seven days kept, runs {@code forgetOld} and
     * asserts that only the fresh key is left in {@code table}.
     */
    public static void assertOnlyOldKeysAreForgotten(
            JdbcTemplate jdbc, String table, Consumer<String> insertKey, IntSupplier forgetOld) {
        String old = "old-" + UUID.randomUUID();
        String fresh = "fresh-" + UUID.randomUUID();
        insertKey.accept(old);
        insertKey.accept(fresh);
        jdbc.update("update " + table + " set claimed_at = now() - interval '8 days' where idem_key = ?", old);

        assertThat(forgetOld.getAsInt()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForList(
                        "select idem_key from " + table + " where idem_key in (?, ?)", String.class, old, fresh))
                .containsExactly(fresh);
    }
}
