package dev.berrys.crypto;

import static dev.berrys.crypto.SecretCipher.NO_CONTEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTests {
    /** base64 of the bytes 0..31: the key the legacy vectors below were sealed with. */
    static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private static final String OTHER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void sealsWithAFreshNonceAndOpensWithTheSameKeyAndContext() {
        var cipher = SecretCipher.fromConfiguration(KEY);
        String one = cipher.encryptText("sk-secret", "row:1");
        String two = cipher.encryptText("sk-secret", "row:1");

        assertThat(one).isNotEqualTo(two).doesNotContain("sk-secret");
        assertThat(cipher.decryptText(one, "row:1")).isEqualTo("sk-secret");
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        assertThat(cipher.decrypt(cipher.encrypt(bytes, NO_CONTEXT), NO_CONTEXT))
                .isEqualTo(bytes);
    }

    @Test
    void anotherKeyAnotherContextOrATamperedValueIsUnreadable() {
        var cipher = SecretCipher.fromConfiguration(KEY);
        String sealed = cipher.encryptText("sk-secret", "row:1");
        byte[] raw = Base64.getDecoder().decode(sealed);
        raw[raw.length - 1] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> SecretCipher.fromConfiguration(OTHER_KEY).decrypt(sealed, "row:1"))
                .isInstanceOf(SecretCipher.Unreadable.class);
        assertThatThrownBy(() -> cipher.decrypt(sealed, "row:2")).isInstanceOf(SecretCipher.Unreadable.class);
        assertThatThrownBy(() -> cipher.decrypt(sealed, NO_CONTEXT)).isInstanceOf(SecretCipher.Unreadable.class);
        assertThatThrownBy(() -> cipher.decrypt(tampered, "row:1"))
                .isInstanceOf(SecretCipher.Unreadable.class)
                .hasMessageNotContaining("sk-secret");
    }

    @Test
    void whatIsNoSealedValueIsUnreadableNotAnotherException() {
        var cipher = SecretCipher.fromConfiguration(KEY);
        assertThatThrownBy(() -> cipher.decrypt("not base64!", NO_CONTEXT)).isInstanceOf(SecretCipher.Unreadable.class);
        assertThatThrownBy(() -> cipher.decrypt("AAAA", NO_CONTEXT)).isInstanceOf(SecretCipher.Unreadable.class);
        assertThatThrownBy(() -> cipher.decrypt("", NO_CONTEXT)).isInstanceOf(SecretCipher.Unreadable.class);
    }

    @Test
    void withoutAKeyNothingIsSealedOrOpenedAndTheRefusalNamesTheVariable() {
        for (String none : new String[] {"", "  ", null}) {
            var cipher = SecretCipher.fromConfiguration(none);
            assertThat(cipher.hasKey()).isFalse();
            assertThatThrownBy(() -> cipher.encryptText("x", NO_CONTEXT))
                    .isInstanceOf(SecretCipher.KeyMissing.class)
                    .hasMessageContaining("BERRYS_ENCRYPTION_KEY");
            assertThatThrownBy(() -> cipher.decrypt("AAAA", NO_CONTEXT)).isInstanceOf(SecretCipher.KeyMissing.class);
        }
        assertThat(SecretCipher.fromConfiguration(" " + KEY + "\n").hasKey()).isTrue();
    }

    @Test
    void aKeyThatIsNotBase64Of32BytesIsRefusedWithoutPrintingIt() {
        String shortKey = Base64.getEncoder().encodeToString("sixteen byte key".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SecretCipher.fromConfiguration(shortKey))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> SecretCipher.fromConfiguration("not base64 at all!"))
                .hasMessageContaining("base64")
                .hasMessageNotContaining("not base64 at all!");
    }
}
