package dev.berrys.gateway.identity;

import dev.berrys.contracts.security.TokenClaims;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token settings the gateway shares with the services ({@code berrys.token.*}).
 *
 * @param audience when set ({@code BERRYS_TOKEN_AUDIENCE}): built-in tokens carry it as {@code aud}, and a token
 *     (built-in or an external issuer's) whose {@code aud} does not name it is refused, here and in every service
 * @param revocationKey the Redis hash where revoked subjects are published for the services (subject → epoch
 *     second); the namespace of the event bus is its prefix
 */
@ConfigurationProperties("berrys.token")
public record TokenSettings(String audience, String revocationKey) {
    public TokenSettings {
        audience = audience == null ? "" : audience.strip();
        revocationKey = revocationKey == null || revocationKey.isBlank() ? "berrys.token-revocations" : revocationKey;
    }

    /** The claim names of {@code BERRYS_ROLES_CLAIM} / {@code BERRYS_TENANT_CLAIM}, read as the services read them. */
    public static TokenClaims claims(AuthProperties props) {
        return new TokenClaims(props.rolesClaim(), props.tenantClaim());
    }
}
