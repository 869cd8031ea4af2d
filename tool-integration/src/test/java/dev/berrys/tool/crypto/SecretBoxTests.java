package dev.berrys.tool.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berrys.starter.web.ProblemException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class SecretBoxTests {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void encryptsWithARandomNonceAndDecryptsWithTheSameContext() {
        var box = new SecretBox(KEY);
        String a = box.encrypt("token-123", "mcp-server:1");
        String b = box.encrypt("token-123", "mcp-server:1");
        assertThat(a).isNotEqualTo(b).doesNotContain("token-123");
        assertThat(box.decrypt(a, "mcp-server:1")).isEqualTo("token-123");
    }

    @Test
    void aCiphertextMovedToAnotherRowOrTamperedWithCannotBeDecrypted() {
        var box = new SecretBox(KEY);
        String sealed = box.encrypt("token-123", "mcp-server:1");
        assertThatThrownBy(() -> box.decrypt(sealed, "mcp-server:2")).isInstanceOf(IllegalStateException.class);
        byte[] raw = Base64.getDecoder().decode(sealed);
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> box.decrypt(Base64.getEncoder().encodeToString(raw), "mcp-server:1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutAKeyNothingCanBeStoredAndTheProblemSaysWhy() {
        var box = new SecretBox("");
        assertThat(box.canEncrypt()).isFalse();
        assertThatThrownBy(() -> box.encrypt("x", "c")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(e.getMessage()).contains("BERRYS_ENCRYPTION_KEY");
        });
    }

    @Test
    void refusesAKeyOfTheWrongSizeWithoutPrintingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new SecretBox(shortKey))
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining(shortKey);
    }
}
