package dev.berrys.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berrys.model.ModelIT;
import dev.berrys.model.ModelProperties;
import dev.berrys.starter.web.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ApiKeyCipherTests {
    static ModelProperties props(String key) {
        var upstream = new ModelProperties.Upstream("", "", List.of());
        return new ModelProperties(
                key,
                new ModelProperties.Simulated(null, 50, 0, false),
                upstream,
                upstream,
                upstream,
                new ModelProperties.Routing(0.8, java.time.Duration.ofSeconds(2)));
    }

    @Test
    void aStoredKeyOpensOnlyWithTheEncryptionKeyItWasSealedWithElseTheProviderHasNone() {
        var cipher = new ApiKeyCipher(props(ModelIT.KEY));
        String sealed = cipher.encrypt("sk-secret");
        assertThat(sealed).doesNotContain("sk-secret");
        assertThat(cipher.decrypt(sealed)).isEqualTo("sk-secret");

        assertThat(new ApiKeyCipher(props("b3RoZXItZW5jcnlwdGlvbi1rZXktb2YtMzItYnl0ZXM=")).decrypt(sealed))
                .isNull();
        assertThat(new ApiKeyCipher(props("")).decrypt(sealed)).isNull();
        assertThat(cipher.decrypt((sealed.startsWith("A") ? "B" : "A") + sealed.substring(1)))
                .isNull();
        assertThat(cipher.decrypt("not base64!")).isNull();
    }

    @Test
    void aKeyStoredBeforeTheSharedCipherStillOpens() {
        // sealed by the former AES-GCM code of this class, with the key base64 of the bytes 0..31
        var cipher = new ApiKeyCipher(props("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
        assertThat(cipher.decrypt("FSnCGcq5gVqX2xzxDGXCnL2T8IU0J90oppVBK3Psc02RfCj3+3NxbPagZhdDStgmPFS/WrxeIQ=="))
                .isEqualTo("sk-legacy-provider-key-0001");
    }

    @Test
    void withoutAnEncryptionKeyNoApiKeyIsStoredAndTheRefusalSaysWhatToConfigure() {
        var cipher = new ApiKeyCipher(props(""));
        assertThatThrownBy(() -> cipher.encrypt("sk-secret")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(e.slug()).isEqualTo("encryption-key-missing");
            assertThat(e.getMessage()).contains("BERRYS_ENCRYPTION_KEY");
            assertThat(e.properties()).containsEntry("field", "apiKey");
        });
    }

    @Test
    void aMalformedEncryptionKeyStopsTheStart() {
        assertThatThrownBy(() -> new ApiKeyCipher(props("c2hvcnQ="))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new ApiKeyCipher(props("not base64!"))).hasMessageContaining("base64");
    }
}
