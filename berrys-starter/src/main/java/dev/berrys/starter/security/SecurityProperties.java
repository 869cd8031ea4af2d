package dev.berrys.starter.security;

import dev.berrys.contracts.security.TokenClaims;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token validation and service identity.
 *
 * @param jwksUri the built-in issuer's key set (the gateway's {@code /.well-known/jwks.json})
 * @param issuerUri an external OIDC issuer; when set it replaces the built-in one
 * @param gatewayUrl where service tokens are obtained ({@code POST /api/auth/token})
 * @param serviceClientId the client id of the service credential
 * @param serviceClientSecret its secret; empty means this service cannot call others
 * @param rolesClaim the claim holding the roles ({@code BERRYS_ROLES_CLAIM}, as at the gateway)
 * @param tenantClaim the claim holding the tenant ({@code BERRYS_TENANT_CLAIM}, as at the gateway)
 * @param audience when set ({@code BERRYS_TOKEN_AUDIENCE}), a token whose {@code aud} does not name it is refused
 * @param revocationKey the Redis hash where the gateway publishes revoked subjects (subject → epoch second)
 * @param revocationRefresh how often this service reloads them
 */
@ConfigurationProperties("berrys.security")
public record SecurityProperties(
        String jwksUri,
        String issuerUri,
        String gatewayUrl,
        String serviceClientId,
        String serviceClientSecret,
        @Nullable String rolesClaim,
        @Nullable String tenantClaim,
        @Nullable String audience,
        @Nullable String revocationKey,
        @Nullable Duration revocationRefresh) {

    public SecurityProperties {
        audience = audience == null ? "" : audience.strip();
        revocationKey = revocationKey == null || revocationKey.isBlank() ? "berrys.token-revocations" : revocationKey;
        revocationRefresh = revocationRefresh == null ? Duration.ofSeconds(15) : revocationRefresh;
    }

    /** Never null: the constructor put {@code ""} in place of none. */
    @Override
    public String audience() {
        return Objects.requireNonNull(audience);
    }

    /** Never null: the constructor put the default in place of none. */
    @Override
    public String revocationKey() {
        return Objects.requireNonNull(revocationKey);
    }

    /** Never null: the constructor put the default in place of none. */
    @Override
    public Duration revocationRefresh() {
        return Objects.requireNonNull(revocationRefresh);
    }

    /** The claim mapping every resource server (and the gateway) reads tokens with. */
    public TokenClaims claims() {
        return new TokenClaims(
                rolesClaim == null ? TokenClaims.ROLES : rolesClaim,
                tenantClaim == null ? TokenClaims.TENANT : tenantClaim);
    }
}
