package dev.berrys.starter.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * What a valid signature does not settle, checked on every request (also for a token the cache has verified
 * before): the audience, when {@code BERRYS_TOKEN_AUDIENCE} is set, and whether the gateway has since revoked
 * the token's subject (a disabled user, a revoked API key). Either refusal is a 401.
 */
public final class CheckedJwtDecoder implements JwtDecoder {
    private final JwtDecoder delegate;
    private final String audience;
    private final @Nullable TokenRevocations revocations;

    public CheckedJwtDecoder(JwtDecoder delegate, String audience, @Nullable TokenRevocations revocations) {
        this.delegate = delegate;
        this.audience = audience;
        this.revocations = revocations;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = delegate.decode(token);
        if (!audience.isEmpty()
                && (jwt.getAudience() == null || !jwt.getAudience().contains(audience))) {
            throw new BadJwtException("The token is not for this audience");
        }
        if (revocations != null && revocations.isRevoked(jwt.getSubject(), jwt.getIssuedAt())) {
            throw new BadJwtException("The token has been revoked");
        }
        return jwt;
    }

    JwtDecoder delegate() {
        return delegate;
    }
}
