package dev.berrys.model.catalog;

import dev.berrys.crypto.SecretCipher;
import dev.berrys.model.ModelProperties;
import dev.berrys.starter.web.ProblemException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Provider API keys at rest: {@link SecretCipher} keyed by {@code BERRYS_ENCRYPTION_KEY}, no context. Without that
 * key no API key can be stored; the refusal says what to configure. A malformed key stops the start.
 */
@Component
class ApiKeyCipher {
    private final SecretCipher cipher;

    ApiKeyCipher(ModelProperties props) {
        this.cipher = SecretCipher.fromConfiguration(props.encryptionKey());
    }

    String encrypt(String apiKey) {
        if (!cipher.hasKey()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "encryption-key-missing",
                    "API keys are stored encrypted: set BERRYS_ENCRYPTION_KEY (base64 of 32 bytes) on model-orchestration,"
                            + " or configure the key through OPENAI_API_KEY / ANTHROPIC_API_KEY.",
                    Map.of("field", "apiKey"));
        }
        return cipher.encryptText(apiKey, SecretCipher.NO_CONTEXT);
    }

    /** The key, or null where it cannot be read (no or another encryption key): the provider is then unusable. */
    @Nullable
    String decrypt(String stored) {
        if (!cipher.hasKey()) {
            return null;
        }
        try {
            return cipher.decryptText(stored, SecretCipher.NO_CONTEXT);
        } catch (SecretCipher.Unreadable e) {
            return null;
        }
    }
}
