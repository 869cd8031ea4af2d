package dev.berrys.model.catalog;

import dev.berrys.model.ModelProperties;
import dev.berrys.starter.web.ProblemException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * AES-GCM for provider API keys at rest, keyed by {@code BERRYS_ENCRYPTION_KEY}. Without that key no
 * API key can be stored; the refusal says what to configure.
 */
@Component
class ApiKeyCipher {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final @Nullable SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    ApiKeyCipher(ModelProperties props) {
        this.key = parse(props.encryptionKey());
    }

    static @Nullable SecretKeySpec parse(String base64) {
        if (base64.isBlank()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("BERRYS_ENCRYPTION_KEY is not valid base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("BERRYS_ENCRYPTION_KEY must be the base64 of 32 bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    String encrypt(String apiKey) {
        if (key == null) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "encryption-key-missing",
                    "API keys are stored encrypted: set BERRYS_ENCRYPTION_KEY (base64 of 32 bytes) on model-orchestration,"
                            + " or configure the key through OPENAI_API_KEY / ANTHROPIC_API_KEY.",
                    Map.of("field", "apiKey"));
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(apiKey.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                            .put(iv)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("API key encryption failed", e);
        }
    }

    /** The key, or null where it cannot be read (no or another encryption key): the provider is then unusable. */
    @Nullable
    String decrypt(String stored) {
        if (key == null) {
            return null;
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
