package dev.berrys.starter.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token validation and service identity.
 *
 * @param jwksUri the built-in issuer's key set (the gateway's {@code /.well-known/jwks.json})
 * @param issuerUri an external OIDC issuer; when set it replaces the built-in one
 * @param gatewayUrl where service tokens are obtained ({@code POST /api/auth/token})
 * @param serviceClientId the client id of the service credential
 * @param serviceClientSecret its secret; empty means this service cannot call others
 */
@ConfigurationProperties("berrys.security")
public record SecurityProperties(
        String jwksUri, String issuerUri, String gatewayUrl, String serviceClientId, String serviceClientSecret) {}
