package dev.berrys.starter.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens it has verified until they expire, so that the services' and SDK clients' tokens,
 * sent on every call, are checked (signature, claims) once rather than on each request. A token that
 * failed is not remembered; an expired one is verified again, which refuses it. Bounded: past
 * {@link #MAX_ENTRIES} tokens the memory starts afresh.
 */
public final class CachingJwtDecoder implements JwtDecoder {
    static final int MAX_ENTRIES = 10_000;

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    public CachingJwtDecoder(JwtDecoder delegate) {
        this(delegate, Clock.systemUTC());
    }

    CachingJwtDecoder(JwtDecoder delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt cached = verified.get(token);
        Instant now = clock.instant();
        if (cached != null && usable(cached, now)) {
            return cached;
        }
        Jwt jwt = delegate.decode(token);
        if (jwt.getExpiresAt() != null && usable(jwt, now)) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(token, jwt);
        }
        return jwt;
    }

    private static boolean usable(Jwt jwt, Instant now) {
        return jwt.getExpiresAt() != null
                && now.isBefore(jwt.getExpiresAt())
                && (jwt.getNotBefore() == null || !now.isBefore(jwt.getNotBefore()));
    }
}
