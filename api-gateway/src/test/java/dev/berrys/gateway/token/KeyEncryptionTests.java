package dev.berrys.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyEncryptionTests {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void roundTripsAndUsesAFreshNonceEachTime() {
        KeyEncryption aes = KeyEncryption.fromBase64(KEY);
        byte[] secret = "private key bytes".getBytes(StandardCharsets.UTF_8);

        String once = aes.encrypt(secret);
        String twice = aes.encrypt(secret);

        assertThat(once).isNotEqualTo(twice);
        assertThat(aes.decrypt(once)).isEqualTo(secret);
        assertThat(aes.decrypt(twice)).isEqualTo(secret);
    }

    @Test
    void tamperingOrAnotherKeyIsDetected() {
        String sealed = KeyEncryption.fromBase64(KEY).encrypt(new byte[] {1, 2, 3});
        byte[] raw = Base64.getDecoder().decode(sealed);
        raw[raw.length - 1] ^= 1;

        assertThatThrownBy(() -> KeyEncryption.fromBase64(KEY)
                        .decrypt(Base64.getEncoder().encodeToString(raw)))
                .isInstanceOf(IllegalStateException.class);
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B');
        assertThatThrownBy(() -> KeyEncryption.fromBase64(otherKey).decrypt(sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesKeysThatAreNot32Bytes() {
        assertThatThrownBy(() -> KeyEncryption.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> KeyEncryption.fromBase64("not base64 at all!")).hasMessageContaining("base64");
    }
}
