package dev.berrys.gateway.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.berrys.contracts.security.Role;
import dev.berrys.gateway.identity.AuthProperties;
import dev.berrys.gateway.identity.BuiltInIssuer;
import dev.berrys.gateway.identity.TokenSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Signs access tokens: RS256 with the {@code kid} header, claims {@code sub iss iat exp jti roles
 * tenant} as docs/conventions.md fixes them, and {@code aud} when {@code BERRYS_TOKEN_AUDIENCE} is set.
 */
@Component
@BuiltInIssuer
public class TokenIssuer {

    private final NimbusJwtEncoder encoder;
    private final String kid;
    private final AuthProperties props;
    private final Clock clock;
    private final String audience;

    TokenIssuer(RSAKey signingKey, AuthProperties props, TokenSettings tokens) {
        this.audience = tokens.audience();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signingKey)));
        this.kid = signingKey.getKeyID();
        this.props = props;
        this.clock = Clock.systemUTC();
    }

    public IssuedToken issue(String subject, Set<Role> roles, String tenant) {
        return issue(subject, roles, tenant, null, Map.of());
    }

    /**
     * A token that ends at {@code notAfter} when that comes before the usual lifetime, with extra claims (e.g.
     * an API key's {@code budgetUsd}).
     */
    public IssuedToken issue(
            String subject, Set<Role> roles, String tenant, @Nullable Instant notAfter, Map<String, Object> extra) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(props.tokenTtl());
        if (notAfter != null && notAfter.isBefore(expiresAt)) {
            expiresAt = notAfter;
        }
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(props.tokenIssuer())
                .subject(subject)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .id(UUID.randomUUID().toString())
                .claim("roles", roles.stream().map(Role::name).sorted().toList())
                .claim("tenant", tenant);
        if (!audience.isEmpty()) {
            claims.audience(List.of(audience));
        }
        extra.forEach(claims::claim);
        JwsHeader header =
                JwsHeader.with(SignatureAlgorithm.RS256).keyId(kid).type("JWT").build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims.build()))
                .getTokenValue();
        return new IssuedToken(
                token, Math.max(0, Duration.between(now, expiresAt).toSeconds()));
    }

    /** A signed token and its lifetime in seconds. */
    public record IssuedToken(String accessToken, long expiresIn) {}
}
