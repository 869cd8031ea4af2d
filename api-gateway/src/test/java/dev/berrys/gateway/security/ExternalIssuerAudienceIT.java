package dev.berrys.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.berrys.gateway.GatewayIT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An external issuer with {@code BERRYS_TOKEN_AUDIENCE} and its own claim names ({@code BERRYS_TENANT_CLAIM},
 * {@code BERRYS_ROLES_CLAIM}, here a nested one): a token without the audience is refused, and roles and tenant
 * are read through the shared mapping.
 */
class ExternalIssuerAudienceIT extends GatewayIT {

    private static final RSAKey KEY = ExternalIssuerIT.generateKey();
    private static final HttpServer ISSUER = ExternalIssuerIT.startIssuer(KEY);

    @DynamicPropertySource
    static void externalIssuer(DynamicPropertyRegistry registry) {
        registry.add("berrys.auth.issuer-uri", () -> ExternalIssuerIT.uri(ISSUER));
        registry.add("berrys.auth.tenant-claim", () -> "org");
        registry.add("berrys.auth.roles-claim", () -> "realm_access.roles");
        registry.add("berrys.token.audience", () -> "berrys-api");
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.stop(0);
    }

    @Test
    void aTokenForTheAudienceIsAcceptedWithTheMappedClaims() throws Exception {
        String token = sign(c -> c.audience(List.of("other", "berrys-api")));

        Map<String, Object> me = json(me(token), HttpStatus.OK);

        assertThat(me.get("tenant")).isEqualTo("acme");
        assertThat(me.get("roles")).isEqualTo(List.of("OPERATOR"));
    }

    @Test
    void aTokenWithoutTheAudienceOrForAnotherIsRefused() throws Exception {
        problem(me(sign(c -> {})), HttpStatus.UNAUTHORIZED);
        problem(me(sign(c -> c.audience("another-api"))), HttpStatus.UNAUTHORIZED);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec me(String token) {
        return web.get()
                .uri("/api/auth/me")
                .headers(h -> h.setBearerAuth(token))
                .exchange();
    }

    private static String sign(Consumer<JWTClaimsSet.Builder> more) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject("oidc-user")
                .issuer(ExternalIssuerIT.uri(ISSUER))
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("realm_access", Map.of("roles", List.of("operator")))
                .claim("org", "acme");
        more.accept(claims);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims.build());
        jwt.sign(new RSASSASigner(KEY));
        return jwt.serialize();
    }
}
