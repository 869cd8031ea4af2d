package dev.berrys.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.berrys.contracts.security.Role;
import dev.berrys.gateway.GatewayIT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Bearer tokens are checked at the gateway: no token, a bad token or too few roles never get through. */
class TokenValidationIT extends GatewayIT {

    @Autowired
    private RSAKey signingKey;

    @Test
    void noTokenIs401WithBearerChallenge() {
        Map<String, Object> body = problem(
                web.get().uri("/api/projects").exchange().expectHeader().valueEquals("WWW-Authenticate", "Bearer"),
                HttpStatus.UNAUTHORIZED);
        assertThat(body.get("type")).isEqualTo("https://berrys.dev/problems/unauthorized");
        assertThat(body.get("instance")).isEqualTo("/api/projects");
        assertThat(body.get("detail").toString()).contains("POST /api/auth/token");
    }

    @Test
    void expiredTokenIs401TokenExpired() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        String token = sign(signingKey, claims("berrys", past.minusSeconds(600), past));

        Map<String, Object> body = problem(get("/api/projects", token), HttpStatus.UNAUTHORIZED);
        assertThat(body.get("type")).isEqualTo("https://berrys.dev/problems/token-expired");
        assertThat(body.get("detail").toString()).contains("expired");
    }

    @Test
    void tokenSignedByAnotherKeyIs401EvenWithTheSameKid() throws Exception {
        RSAKey forger = new RSAKeyGenerator(2048).keyID(signingKey.getKeyID()).generate();
        String token =
                sign(forger, claims("berrys", Instant.now(), Instant.now().plusSeconds(600)));

        Map<String, Object> body = problem(get("/api/projects", token), HttpStatus.UNAUTHORIZED);
        assertThat(body.get("type")).isEqualTo("https://berrys.dev/problems/invalid-token");
        assertThat(body.get("detail").toString()).contains("signature");
    }

    @Test
    void malformedTokenIs401() {
        Map<String, Object> body = problem(get("/api/projects", "not.a.jwt"), HttpStatus.UNAUTHORIZED);
        assertThat(body.get("type")).isEqualTo("https://berrys.dev/problems/invalid-token");
        assertThat(body.get("detail").toString()).contains("malformed");
    }

    @Test
    void tokenOfAnotherIssuerIs401() throws Exception {
        String token = sign(
                signingKey, claims("someone-else", Instant.now(), Instant.now().plusSeconds(600)));
        Map<String, Object> body = problem(get("/api/projects", token), HttpStatus.UNAUTHORIZED);
        assertThat(body.get("type")).isEqualTo("https://berrys.dev/problems/invalid-token");
    }

    @Test
    void viewerMayReadButNotWrite() throws Exception {
        String viewer = tokenWithRoles(Role.VIEWER);
        STUB.clear();

        get("/api/projects", viewer).expectStatus().isOk();
        assertThat(STUB.take().path()).isEqualTo("/api/projects");

        Map<String, Object> body = problem(
                web.post()
                        .uri("/api/projects")
                        .headers(h -> h.setBearerAuth(viewer))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("name", "x", "goal", "y"))
                        .exchange(),
                HttpStatus.FORBIDDEN);
        assertThat(body.get("type")).isEqualTo("https://berrys.dev/problems/forbidden");
        assertThat(body.get("detail").toString()).contains("POST /api/projects");
        problem(
                web.delete()
                        .uri("/api/tasks/1")
                        .headers(h -> h.setBearerAuth(viewer))
                        .exchange(),
                HttpStatus.FORBIDDEN);
    }

    @Test
    void operatorMayWrite() throws Exception {
        String operator = tokenWithRoles(Role.OPERATOR);
        STUB.clear();
        web.post()
                .uri("/api/projects")
                .headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "x", "goal", "y"))
                .exchange()
                .expectStatus()
                .isOk();
        var received = STUB.take();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.body()).contains("\"goal\"");
    }

    @Test
    void aTokenWithoutAKnownRoleMayNotEvenRead() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(
                        claims("berrys", Instant.now(), Instant.now().plusSeconds(600)))
                .claim("roles", List.of())
                .build();
        problem(get("/api/projects", sign(signingKey, claims)), HttpStatus.FORBIDDEN);
    }

    @Test
    void accountAdministrationIsForAdminsOnly() {
        String operator = tokenWithRoles(Role.OPERATOR);
        problem(get("/api/auth/users", operator), HttpStatus.FORBIDDEN);
        problem(get("/api/auth/api-keys", operator), HttpStatus.FORBIDDEN);
    }

    @Test
    void publicPathsNeedNoToken() {
        web.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk();
        web.get().uri("/actuator/health").exchange().expectStatus().isOk();
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        web.get().uri("/actuator/info").exchange().expectStatus().isOk();
        web.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(text -> assertThat(text).contains("jvm_"));
        web.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
        web.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    @Test
    void otherActuatorEndpointsAreNotExposed() {
        problem(web.get().uri("/actuator/env").exchange(), HttpStatus.NOT_FOUND);
        problem(web.get().uri("/actuator/gateway/routes").exchange(), HttpStatus.NOT_FOUND);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec get(String path, String token) {
        return web.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private static JWTClaimsSet claims(String issuer, Instant issuedAt, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .subject("mallory")
                .issuer(issuer)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", List.of("ADMIN"))
                .claim("tenant", "default")
                .build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
