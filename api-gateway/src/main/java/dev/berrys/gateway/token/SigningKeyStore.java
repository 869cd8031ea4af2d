package dev.berrys.gateway.token;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code signing_keys} table: one row per slot, {@code current} is the one that signs. */
@Repository
class SigningKeyStore {

    static final String CURRENT = "current";

    private final JdbcClient jdbc;

    SigningKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredKey> current() {
        return jdbc.sql("select kid, private_key, encrypted from signing_keys where slot = :slot")
                .param("slot", CURRENT)
                .query((rs, row) ->
                        new StoredKey(rs.getString("kid"), rs.getString("private_key"), rs.getBoolean("encrypted")))
                .optional();
    }

    /** Stores the candidate unless another replica stored one first. */
    void insertIfAbsent(StoredKey key) {
        jdbc.sql("insert into signing_keys (kid, slot, algorithm, private_key, encrypted)"
                        + " values (:kid, :slot, 'RS256', :privateKey, :encrypted) on conflict do nothing")
                .param("kid", key.kid())
                .param("slot", CURRENT)
                .param("privateKey", key.privateKey())
                .param("encrypted", key.encrypted())
                .update();
    }

    /** Seals a key that was stored in the clear before an encryption key was configured. */
    void encryptInPlace(String kid, String sealed) {
        jdbc.sql("update signing_keys set private_key = :sealed, encrypted = true where kid = :kid and not encrypted")
                .param("sealed", sealed)
                .param("kid", kid)
                .update();
    }

    record StoredKey(String kid, String privateKey, boolean encrypted) {}
}
