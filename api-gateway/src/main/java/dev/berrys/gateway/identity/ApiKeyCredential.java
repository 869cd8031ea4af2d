package dev.berrys.gateway.identity;

import java.util.Optional;

/**
 * An API key as one opaque string, {@code bk_<id>_<secret>}, sent as {@code Authorization: Bearer} like an
 * OpenAI key. The client id is {@code bk_} and 16 URL-safe characters (12 random bytes), so the string splits
 * at a fixed place although the secret's alphabet contains {@code _}.
 */
public record ApiKeyCredential(String clientId, String secret) {

    private static final String PREFIX = "bk_";
    private static final int CLIENT_ID_LENGTH = PREFIX.length() + 16;

    static String newClientId(int randomBytes) {
        return PREFIX + Credentials.randomSecret(randomBytes);
    }

    static String bearer(String clientId, String secret) {
        return clientId + "_" + secret;
    }

    /** Whether a bearer credential is an API key rather than a JWT (a JWT has dots, a key none). */
    public static boolean looksLikeOne(String bearer) {
        return bearer.startsWith(PREFIX) && bearer.indexOf('.') < 0;
    }

    public static Optional<ApiKeyCredential> parse(String bearer) {
        if (!looksLikeOne(bearer)
                || bearer.length() <= CLIENT_ID_LENGTH + 1
                || bearer.charAt(CLIENT_ID_LENGTH) != '_') {
            return Optional.empty();
        }
        return Optional.of(
                new ApiKeyCredential(bearer.substring(0, CLIENT_ID_LENGTH), bearer.substring(CLIENT_ID_LENGTH + 1)));
    }

    @Override
    public String toString() {
        return "ApiKeyCredential[" + clientId + "]";
    }
}
