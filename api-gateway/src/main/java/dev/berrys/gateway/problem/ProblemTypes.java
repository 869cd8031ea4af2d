package dev.berrys.gateway.problem;

import java.net.URI;

/** Stable {@code type} URIs of the problems the gateway answers with. */
public final class ProblemTypes {

    public static final String BASE = "https://berrys.dev/problems/";

    public static final URI UNAUTHORIZED = type("unauthorized");
    public static final URI INVALID_TOKEN = type("invalid-token");
    public static final URI TOKEN_EXPIRED = type("token-expired");
    public static final URI TOKEN_REVOKED = type("token-revoked");
    public static final URI API_KEY_EXPIRED = type("api-key-expired");
    public static final URI INVALID_CREDENTIALS = type("invalid-credentials");
    public static final URI LOGIN_LOCKED = type("login-locked");
    public static final URI FORBIDDEN = type("forbidden");
    public static final URI RATE_LIMITED = type("rate-limited");
    public static final URI VALIDATION = type("validation");
    public static final URI MALFORMED_REQUEST = type("malformed-request");
    public static final URI PAYLOAD_TOO_LARGE = type("payload-too-large");
    public static final URI NOT_FOUND = type("not-found");
    public static final URI CONFLICT = type("conflict");
    public static final URI METHOD_NOT_ALLOWED = type("method-not-allowed");
    public static final URI UNSUPPORTED_MEDIA_TYPE = type("unsupported-media-type");
    public static final URI NOT_ACCEPTABLE = type("not-acceptable");
    public static final URI ISSUER_DISABLED = type("built-in-issuer-disabled");
    public static final URI SERVICE_UNAVAILABLE = type("service-unavailable");
    public static final URI BAD_GATEWAY = type("bad-gateway");
    public static final URI GATEWAY_TIMEOUT = type("gateway-timeout");
    public static final URI INTERNAL = type("internal-error");

    private ProblemTypes() {}

    /** A type for a plain HTTP status without a more specific meaning, e.g. {@code .../http-409}. */
    public static URI type(org.springframework.http.HttpStatus status) {
        return type("http-" + status.value());
    }

    private static URI type(String slug) {
        return URI.create(BASE + slug);
    }
}
