package dev.berrys.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * AES-256-GCM for secrets at rest, keyed by {@code BERRYS_ENCRYPTION_KEY} (base64 of 32 bytes). The stored form
 * is base64 of a random 12-byte nonce followed by the ciphertext and its 128-bit tag. A context (GCM associated
 * data) binds a value to where it is stored, e.g. its row; {@link #NO_CONTEXT} binds it to nothing.
 *
 * <p>Without a configured key this cipher exists but refuses to work ({@link KeyMissing}); each caller decides
 * what that means for it. No message of this class contains a key or a plain text.
 */
public final class SecretCipher {
    /** Seals a value to no particular place: the same as GCM without associated data. */
    public static final String NO_CONTEXT = "";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final @Nullable SecretKey key;

    private SecretCipher(@Nullable SecretKey key) {
        this.key = key;
    }

    /**
     * @param base64Key the configured {@code BERRYS_ENCRYPTION_KEY}: base64 of 32 bytes, or blank for none
     * @throws IllegalStateException when a key is given but is not base64 of 32 bytes (the message omits it)
     */
    public static SecretCipher fromConfiguration(@Nullable String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            return new SecretCipher(null);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("BERRYS_ENCRYPTION_KEY is not valid base64");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalStateException("BERRYS_ENCRYPTION_KEY must be the base64 of 32 bytes, not " + raw.length);
        }
        return new SecretCipher(new SecretKeySpec(raw, "AES"));
    }

    /** Whether a key is configured; without one every encrypt and decrypt throws {@link KeyMissing}. */
    public boolean hasKey() {
        return key != null;
    }

    /** Seals {@code plain} under a fresh nonce. */
    public String encrypt(byte[] plain, String context) {
        SecretKey k = requireKey();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Opens what {@link #encrypt} sealed with the same key and context.
     *
     * @throws Unreadable when the value was sealed with another key or context, was changed, or is no sealed value
     */
    public byte[] decrypt(String sealed, String context) {
        SecretKey k = requireKey();
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            if (all.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new Unreadable();
            }
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Unreadable();
        }
    }

    /** {@link #encrypt} of the UTF-8 bytes of {@code plain}. */
    public String encryptText(String plain, String context) {
        return encrypt(plain.getBytes(StandardCharsets.UTF_8), context);
    }

    /** {@link #decrypt} as UTF-8 text. */
    public String decryptText(String sealed, String context) {
        return new String(decrypt(sealed, context), StandardCharsets.UTF_8);
    }

    private SecretKey requireKey() {
        if (key == null) {
            throw new KeyMissing();
        }
        return key;
    }

    /** No {@code BERRYS_ENCRYPTION_KEY} is configured: nothing can be sealed or opened. */
    public static final class KeyMissing extends IllegalStateException {
        KeyMissing() {
            super("BERRYS_ENCRYPTION_KEY is not set");
        }
    }

    /** A stored value that this key cannot open: another key or context, tampered with, or not a sealed value. */
    public static final class Unreadable extends IllegalStateException {
        Unreadable() {
            super("the stored value cannot be decrypted with BERRYS_ENCRYPTION_KEY (another key, or it was changed)");
        }
    }
}
