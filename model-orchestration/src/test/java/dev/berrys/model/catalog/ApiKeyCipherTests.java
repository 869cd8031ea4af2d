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
                new ModelProperties.Simulated(null, 50, 0),
                upstream,
                upstream,
                upstream,
                new ModelProperties.Routing(0.8, java.time.Duration.ofSeconds(2)));
    }

    @Test
    void aKeyIsSealedWithAFreshIvAndOpensOnlyWithTheSameEncryptionKey() {
        var cipher = new ApiKeyCipher(props(ModelIT.KEY));
        String one = cipher.encrypt("sk-secret");
        String two = cipher.encrypt("sk-secret");
        assertThat(one).isNotEqualTo(two).doesNotContain("sk-secret");
        assertThat(cipher.decrypt(one)).isEqualTo("sk-secret");
        var other = new ApiKeyCipher(props("b3RoZXItZW5jcnlwdGlvbi1rZXktb2YtMzItYnl0ZXM="));
        assertThat(other.decrypt(one)).isNull();
    }

    @Test
    void withoutAnEncryptionKeyNoApiKeyIsStoredAndTheRefusalSaysWhatToConfigure() {
        var cipher = new ApiKeyCipher(props(""));
        assertThatThrownBy(() -> cipher.encrypt("sk-secret")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
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
