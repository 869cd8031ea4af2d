package dev.berrys.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import dev.berrys.gateway.GatewayIT;
import dev.berrys.gateway.identity.AuthProperties;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The stored signing key: one per deployment, whichever replica creates it, sealed when it can be. */
class SigningKeyIT extends GatewayIT {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private SigningKeyStore store;

    /** Also after: a sealed key whose encryption key is gone would stop the next context starting. */
    @BeforeEach
    @AfterEach
    void noStoredKey() {
        jdbc.sql("delete from signing_keys").update();
    }

    @Test
    void replicasStartingTogetherAgreeOnOneKey() throws Exception {
        AuthProperties props = props("");
        CountDownLatch go = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<CompletableFuture<RSAKey>> replicas = java.util.stream.IntStream.range(0, 4)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> {
                                await(go);
                                return new SigningKeyConfig().signingKey(props, store);
                            },
                            pool))
                    .toList();
            go.countDown();
            List<String> kids =
                    replicas.stream().map(f -> f.join().getKeyID()).distinct().toList();
            assertThat(kids).hasSize(1);
        }
        assertThat(jdbc.sql("select count(*) from signing_keys")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void withAnEncryptionKeyThePrivateKeyIsStoredSealed() throws Exception {
        String encryptionKey = randomKey();
        RSAKey first = new SigningKeyConfig().signingKey(props(encryptionKey), store);

        var stored = store.current().orElseThrow();
        assertThat(stored.encrypted()).isTrue();
        String plainPkcs8 =
                Base64.getEncoder().encodeToString(first.toRSAPrivateKey().getEncoded());
        assertThat(stored.privateKey()).isNotEqualTo(plainPkcs8);

        assertThat(new SigningKeyConfig()
                        .signingKey(props(encryptionKey), store)
                        .getKeyID())
                .isEqualTo(first.getKeyID());
        assertThatThrownBy(() -> new SigningKeyConfig().signingKey(props(""), store))
                .hasMessageContaining("BERRYS_ENCRYPTION_KEY");
        assertThatThrownBy(() -> new SigningKeyConfig().signingKey(props(randomKey()), store))
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void aKeyStoredInTheClearIsSealedOnceAnEncryptionKeyIsConfigured() {
        RSAKey plain = new SigningKeyConfig().signingKey(props(""), store);
        assertThat(store.current().orElseThrow().encrypted()).isFalse();

        String encryptionKey = randomKey();
        RSAKey same = new SigningKeyConfig().signingKey(props(encryptionKey), store);

        assertThat(same.getKeyID()).isEqualTo(plain.getKeyID());
        assertThat(store.current().orElseThrow().encrypted()).isTrue();
    }

    @Test
    void aKeySealedBeforeTheSharedCipherStillSigns() throws Exception {
        // sealed by the former KeyEncryption, with the encryption key base64 of the bytes 0..31
        String sealed;
        try (var in = getClass().getResourceAsStream("/legacy/signing-key-sealed-by-KeyEncryption.txt")) {
            sealed = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
        String kid = "dd2PhZIF1SidN1F83swNyBSZx6GX-hSyB7NTdpZqQLg";
        store.insertIfAbsent(new SigningKeyStore.StoredKey(kid, sealed, true));

        RSAKey key = new SigningKeyConfig().signingKey(props("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="), store);

        assertThat(key.getKeyID()).isEqualTo(kid);
        assertThat(key.isPrivate()).isTrue();
    }

    private static AuthProperties props(String encryptionKey) {
        return new AuthProperties(
                "",
                "roles",
                "tenant",
                "berrys",
                Duration.ofHours(1),
                "",
                encryptionKey,
                "default",
                Duration.ofSeconds(15),
                Duration.ofSeconds(30),
                new AuthProperties.Admin("admin", ""),
                new AuthProperties.ServiceClient("berrys-services", "", List.of()),
                new AuthProperties.Login(5, Duration.ofMinutes(1), Duration.ofMillis(10), Duration.ofSeconds(1)));
    }

    private static String randomKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
