package dev.berrys.model.chat.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.model.ModelIT;
import dev.berrys.starter.test.CallKeyRetention;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The keys of chat calls are kept for a week, not for ever; a live holder renews its claim, a dead one's
 * is taken over after the short lease.
 */
@ModelIT
class ChatCallKeysIT {
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChatCallKeys keys;

    @Test
    void keysOlderThanTheRetentionAreForgottenAndTheRestKept() {
        CallKeyRetention.assertOnlyOldKeysAreForgotten(
                jdbc,
                "chat_call_key",
                key -> jdbc.update(
                        "insert into chat_call_key (tenant, idem_key, call_id, claimed_at) values ('default', ?, ?, now())",
                        key,
                        UUID.randomUUID()),
                keys::forgetOld);
    }

    @Test
    void aClaimHeldByThisInstanceIsRenewedWhileItsCallRuns() {
        String key = "held-" + UUID.randomUUID();
        UUID call = UUID.randomUUID();
        assertThat(keys.claim("default", key, call)).isEqualTo(new ChatCallKeys.Owned(call));
        jdbc.update("update chat_call_key set claimed_at = now() - interval '1 minute' where idem_key = ?", key);

        assertThat(keys.renew()).isGreaterThanOrEqualTo(1);

        assertThat(age(key)).isLessThan(5);
        keys.release("default", key, call);
    }

    @Test
    void theClaimOfAnInstanceThatDiedIsTakenOverAfterTheLeaseNotAfterTheCallersReadTimeout() {
        String key = "dead-" + UUID.randomUUID();
        // a claim no instance renews any more: its holder was killed 25 s ago (the lease is 20 s)
        jdbc.update(
                "insert into chat_call_key (tenant, idem_key, call_id, claimed_at) values ('default', ?, ?, now() - interval '25 seconds')",
                key,
                UUID.randomUUID());
        UUID retry = UUID.randomUUID();

        long start = System.nanoTime();
        var claim = keys.claim("default", key, retry);

        assertThat(claim).isEqualTo(new ChatCallKeys.Owned(retry));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
        keys.release("default", key, retry);
    }

    private double age(String key) {
        return jdbc.queryForObject(
                "select extract(epoch from now() - claimed_at) from chat_call_key where idem_key = ?",
                Double.class,
                key);
    }
}
