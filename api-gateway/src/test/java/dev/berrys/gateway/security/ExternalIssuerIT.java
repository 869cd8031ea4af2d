package dev.berrys.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.berrys.gateway.GatewayIT;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With {@code BERRYS_ISSUER_URI} set, tokens come from that issuer and the built-in one is off. */
class ExternalIssuerIT extends GatewayIT {

    private static final RSAKey ISSUER_KEY = generateKey();
    private static final HttpServer ISSUER = startIssuer(ISSUER_KEY);

    @DynamicPropertySource
    static void externalIssuer(DynamicPropertyRegistry registry) {
        registry.add("berrys.auth.issuer-uri", ExternalIssuerIT::issuerUri);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.stop(0);
    }

    @Test
    void builtInTokenEndpointAndJwksAreDisabled() {
        Map<String, Object> body = problem(
                web.post()
                        .uri("/api/auth/token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("username", "admin", "password", "whatever-it-is"))
                        .exchange(),
                HttpStatus.NOT_FOUND);
        assertThat(body.get("type")).isEqualTo("https://berrys.dev/problems/built-in-issuer-disabled");
        problem(web.get().uri("/.well-known/jwks.json").exchange(), HttpStatus.NOT_FOUND);
    }

    @Test
    void tokensOfTheExternalIssuerAreAccepted() throws Exception {
        String token = sign(ISSUER_KEY, issuerUri());
        web.get()
                .uri("/api/auth/me")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.subject")
                .isEqualTo("oidc-user")
                .jsonPath("$.roles[0]")
                .isEqualTo("OPERATOR")
                .jsonPath("$.tenant")
                .isEqualTo("acme");
        STUB.clear();
        web.post()
                .uri("/api/projects")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "n"))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(STUB.take().header("Authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void tokensSignedByAnotherKeyOrNamingAnotherIssuerAreRefused() throws Exception {
        String otherKey = sign(generateKey(), issuerUri());
        String otherIssuer = sign(ISSUER_KEY, "https://evil.example");
        problem(
                web.get()
                        .uri("/api/auth/me")
                        .headers(h -> h.setBearerAuth(otherKey))
                        .exchange(),
                HttpStatus.UNAUTHORIZED);
        problem(
                web.get()
                        .uri("/api/auth/me")
                        .headers(h -> h.setBearerAuth(otherIssuer))
                        .exchange(),
                HttpStatus.UNAUTHORIZED);
    }

    private static String issuerUri() {
        return uri(ISSUER);
    }

    static String uri(HttpServer issuer) {
        return "http://127.0.0.1:" + issuer.getAddress().getPort();
    }

    private static String sign(RSAKey key, String issuer) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder()
                        .subject("oidc-user")
                        .issuer(issuer)
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .claim("roles", List.of("operator"))
                        .claim("tenant", "acme")
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID("external-" + System.nanoTime())
                    .generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A minimal OIDC issuer: discovery document and JWKS. */
    static HttpServer startIssuer(RSAKey issuerKey) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String base = "http://127.0.0.1:" + server.getAddress().getPort();
                String path = exchange.getRequestURI().getPath();
                String json;
                if (path.equals("/.well-known/openid-configuration")) {
                    json = "{\"issuer\":\"" + base + "\",\"jwks_uri\":\"" + base + "/jwks\","
                            + "\"subject_types_supported\":[\"public\"]}";
                } else if (path.equals("/jwks")) {
                    json = new JWKSet(issuerKey.toPublicJWK()).toString();
                } else {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
