package dev.berrys.gateway.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Identity and token settings ({@code berrys.auth.*}). Secrets here come only from the environment;
 * none has a default.
 *
 * @param issuerUri an external OIDC issuer; when set it replaces the built-in issuer
 * @param rolesClaim claim holding the role names (without {@code ROLE_})
 * @param tenantClaim claim holding the tenant
 * @param tokenIssuer {@code iss} of built-in tokens
 * @param jwtPrivateKey PKCS#8 PEM of the RS256 signing key; unset: generated and stored at first start
 * @param encryptionKey base64 of 32 bytes; encrypts the stored signing key with AES-GCM
 * @param revocationRefresh how often each replica reloads the revoked tokens (others' revocations count after it)
 * @param apiKeyCacheTtl how long an API key used as a bearer keeps the token it was exchanged for
 */
@Validated
@ConfigurationProperties("berrys.auth")
public record AuthProperties(
        String issuerUri,
        @NotBlank String rolesClaim,
        @NotBlank String tenantClaim,
        @NotBlank String tokenIssuer,
        @NotNull Duration tokenTtl,
        String jwtPrivateKey,
        String encryptionKey,
        @NotBlank String defaultTenant,
        @NotNull Duration revocationRefresh,
        @NotNull Duration apiKeyCacheTtl,
        @Valid Admin admin,
        @Valid ServiceClient serviceClient,
        @Valid Login login) {

    public AuthProperties {
        issuerUri = issuerUri == null ? "" : issuerUri.trim();
        jwtPrivateKey = jwtPrivateKey == null ? "" : jwtPrivateKey;
        encryptionKey = encryptionKey == null ? "" : encryptionKey.trim();
    }

    /** True when an external OIDC issuer replaces the built-in one. */
    public boolean externalIssuer() {
        return !issuerUri.isEmpty();
    }

    /** The first admin; {@code password} unset means a random one printed once. */
    public record Admin(@NotBlank String username, String password) {
        public Admin {
            password = password == null ? "" : password;
        }
    }

    /**
     * The API key the services use for their own tokens; no secret means no such client.
     *
     * @param tenants the tenants it may ask tokens for; {@code *} (the default) is every tenant, as the platform's
     *     own services do the work of every tenant
     */
    public record ServiceClient(@NotBlank String clientId, String secret, List<String> tenants) {
        public ServiceClient {
            secret = secret == null ? "" : secret;
            tenants = tenants == null || tenants.isEmpty()
                    ? List.of("*")
                    : tenants.stream()
                            .map(String::trim)
                            .filter(t -> !t.isEmpty())
                            .toList();
        }
    }

    /** Throttling of wrong passwords for one user name. */
    public record Login(
            @Min(1) int maxFailures,
            @NotNull Duration lockDuration,
            @NotNull Duration failureDelay,
            @NotNull Duration maxFailureDelay) {}
}
