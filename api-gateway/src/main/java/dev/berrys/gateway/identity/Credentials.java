package dev.berrys.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/** Rules shared by everything that takes or makes a credential. */
public final class Credentials {

    /** bcrypt looks at no more than 72 bytes; longer secrets are refused rather than cut. */
    public static final int MAX_SECRET_BYTES = 72;

    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final String USERNAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._@-]{2,99}$";
    public static final String TENANT_PATTERN = "^[a-z0-9][a-z0-9-]{0,63}$";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Credentials() {}

    /** User names are case-insensitive: stored and looked up in lower case. */
    public static String normalizeUsername(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean fitsBcrypt(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8).length <= MAX_SECRET_BYTES;
    }

    /** A URL-safe random secret of {@code bytes} random bytes. */
    public static String randomSecret(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
