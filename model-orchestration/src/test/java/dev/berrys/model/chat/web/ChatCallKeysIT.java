package dev.berrys.model.chat.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.model.ModelIT;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The keys of chat calls are kept for a week, not for ever. */
@ModelIT
class ChatCallKeysIT {
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChatCallKeys keys;

    @Test
    void keysOlderThanTheRetentionAreForgottenAndTheRestKept() {
        String old = "old-" + UUID.randomUUID();
        String fresh = "fresh-" + UUID.randomUUID();
        for (String key : new String[] {old, fresh}) {
            jdbc.update(
                    "insert into chat_call_key (tenant, idem_key, call_id, claimed_at) values ('default', ?, ?, now())",
                    key,
                    UUID.randomUUID());
        }
        jdbc.update("update chat_call_key set claimed_at = now() - interval '8 days' where idem_key = ?", old);

        assertThat(keys.forgetOld()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForList(
                        "select idem_key from chat_call_key where idem_key in (?, ?)", String.class, old, fresh))
                .containsExactly(fresh);
    }
}
