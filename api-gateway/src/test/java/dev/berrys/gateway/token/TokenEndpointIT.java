package dev.berrys.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.berrys.contracts.security.Role;
import dev.berrys.gateway.GatewayIT;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

class TokenEndpointIT extends GatewayIT {

    @LocalServerPort
    private int port;

    @Test
    void passwordGivesAnRs256TokenThatTheJwksVerifies() throws Exception {
        String name = createUser(uniqueName("alice"), "alice-password-1", "acme", Role.OPERATOR, Role.VIEWER);

        Map<String, Object> body = postToken(Map.of("username", name, "password", "alice-password-1"))
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Cache-Control", "no-store")
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600);
        SignedJWT jwt = SignedJWT.parse((String) body.get("access_token"));
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");

        String jwks = web.get()
                .uri("/.well-known/jwks.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        RSAKey published =
                (RSAKey) JWKSet.parse(jwks).getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(published).as("JWKS holds the key named by kid").isNotNull();
        assertThat(published.isPrivate()).isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(published))).isTrue();

        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(name);
        assertThat(claims.getIssuer()).isEqualTo("berrys");
        assertThat(claims.getStringListClaim("roles")).containsExactly("OPERATOR", "VIEWER");
        assertThat(claims.getStringClaim("tenant")).isEqualTo("acme");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime()).isBeforeOrEqualTo(new Date());
        assertThat(claims.getExpirationTime().toInstant())
                .isCloseTo(Instant.now().plus(Duration.ofHours(1)), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void userNamesAreCaseInsensitive() {
        String name = createUser(uniqueName("bob"), "bob-password-12", "default", Role.VIEWER);
        postToken(Map.of("username", name.toUpperCase(), "password", "bob-password-12"))
                .expectStatus()
                .isOk();
    }

    @Test
    void apiKeyCreatedByAnAdminGivesATokenForItsClientId() throws Exception {
        String admin = tokenWithRoles(Role.ADMIN);
        Map<String, Object> key = web.post()
                .uri("/api/auth/api-keys")
                .headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "ci pipeline", "roles", List.of("OPERATOR")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        String token = accessToken(
                postToken(Map.of("clientId", key.get("clientId"), "clientSecret", key.get("clientSecret"))));

        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(key.get("clientId"));
        assertThat(claims.getStringListClaim("roles")).containsExactly("OPERATOR");
        assertThat(claims.getStringClaim("tenant")).isEqualTo("default");
    }

    @Test
    void serviceClientMayActForAnyTenant() throws Exception {
        String token = accessToken(
                postToken(Map.of("clientId", "berrys-services", "clientSecret", SERVICE_SECRET, "tenant", "acme")));

        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("berrys-services");
        assertThat(claims.getStringListClaim("roles")).containsExactly("SERVICE");
        assertThat(claims.getStringClaim("tenant")).isEqualTo("acme");
    }

    @Test
    void aUserMayNotAskForAnotherTenant() {
        String name = createUser(uniqueName("carol"), "carol-password-1", "default", Role.ADMIN);
        postToken(Map.of("username", name, "password", "carol-password-1", "tenant", "acme"))
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.access_token")
                .doesNotExist();
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSame401AndNoToken() {
        String name = createUser(uniqueName("dave"), "dave-password-12", "default", Role.VIEWER);

        Map<String, Object> wrongPassword =
                problem(postToken(Map.of("username", name, "password", "not-the-password")), HttpStatus.UNAUTHORIZED);
        Map<String, Object> unknownUser = problem(
                postToken(Map.of("username", uniqueName("nobody"), "password", "dave-password-12")),
                HttpStatus.UNAUTHORIZED);
        Map<String, Object> wrongSecret = problem(
                postToken(Map.of("clientId", "berrys-services", "clientSecret", "guess")), HttpStatus.UNAUTHORIZED);

        assertThat(wrongPassword).doesNotContainKey("access_token");
        assertThat(wrongPassword.get("type")).isEqualTo("https://berrys.dev/problems/invalid-credentials");
        assertThat(wrongPassword.get("detail")).isEqualTo("The credentials are not valid");
        assertThat(unknownUser.get("detail")).isEqualTo(wrongPassword.get("detail"));
        assertThat(wrongSecret.get("detail")).isEqualTo(wrongPassword.get("detail"));
    }

    @Test
    void repeatedWrongPasswordsSlowDownThenLockEvenTheRightPassword() {
        String name = createUser(uniqueName("eve"), "eve-password-123", "default", Role.VIEWER);

        long[] millis = new long[5];
        for (int attempt = 0; attempt < 5; attempt++) {
            long start = System.nanoTime();
            problem(postToken(Map.of("username", name, "password", "wrong-" + attempt)), HttpStatus.UNAUTHORIZED);
            millis[attempt] = (System.nanoTime() - start) / 1_000_000;
        }
        // failure n waits 40ms * 2^(n-1): the fourth waits at least 320 ms
        assertThat(millis[3]).isGreaterThanOrEqualTo(320);

        Map<String, Object> locked = postToken(Map.of("username", name, "password", "eve-password-123"))
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .value("Retry-After", retry -> assertThat(Long.parseLong(retry)).isBetween(1L, 60L))
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(locked.get("type")).isEqualTo("https://berrys.dev/problems/login-locked");
        assertThat(locked).doesNotContainKey("access_token");
    }

    @Test
    void failuresFromOneAddressDoNotLockTheAccountForAnother() {
        String name = createUser(uniqueName("gus"), "gus-password-123", "default", Role.ADMIN);
        for (int attempt = 0; attempt < 5; attempt++) {
            problem(postToken(Map.of("username", name, "password", "wrong-" + attempt)), HttpStatus.UNAUTHORIZED);
        }
        postToken(Map.of("username", name, "password", "gus-password-123"))
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        // the owner, from an address that has not failed, still gets in with the right password
        WebTestClient fromElsewhere = WebTestClient.bindToServer(new ReactorClientHttpConnector(
                        HttpClient.create().bindAddress(() -> new InetSocketAddress("127.0.0.2", 0))))
                .baseUrl("http://127.0.0.1:" + port)
                .build();
        fromElsewhere
                .post()
                .uri("/api/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", "gus-password-123"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aServiceKeyActsOnlyForTheTenantsItLists() {
        String platformAdmin = tokenWithRoles(Role.ADMIN);
        Map<String, Object> scoped = web.post()
                .uri("/api/auth/api-keys")
                .headers(h -> h.setBearerAuth(platformAdmin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "acme worker", "roles", List.of("SERVICE"), "tenants", List.of("acme")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        Map<String, Object> unscoped = web.post()
                .uri("/api/auth/api-keys")
                .headers(h -> h.setBearerAuth(platformAdmin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "own tenant worker", "roles", List.of("SERVICE")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        postToken(Map.of(
                        "clientId",
                        scoped.get("clientId"),
                        "clientSecret",
                        scoped.get("clientSecret"),
                        "tenant",
                        "acme"))
                .expectStatus()
                .isOk();
        problem(
                postToken(Map.of(
                        "clientId",
                        scoped.get("clientId"),
                        "clientSecret",
                        scoped.get("clientSecret"),
                        "tenant",
                        "globex")),
                HttpStatus.FORBIDDEN);
        problem(
                postToken(Map.of(
                        "clientId",
                        unscoped.get("clientId"),
                        "clientSecret",
                        unscoped.get("clientSecret"),
                        "tenant",
                        "acme")),
                HttpStatus.FORBIDDEN);
    }

    @Test
    void aSuccessfulLoginResetsTheFailureCount() {
        String name = createUser(uniqueName("fay"), "fay-password-123", "default", Role.VIEWER);
        for (int round = 0; round < 3; round++) {
            for (int attempt = 0; attempt < 4; attempt++) {
                problem(postToken(Map.of("username", name, "password", "wrong")), HttpStatus.UNAUTHORIZED);
            }
            postToken(Map.of("username", name, "password", "fay-password-123"))
                    .expectStatus()
                    .isOk();
        }
    }

    @Test
    void malformedJsonIsA400NamingTheProblem() {
        Map<String, Object> body = problem(
                web.post()
                        .uri("/api/auth/token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"username\": \"x\",")
                        .exchange(),
                HttpStatus.BAD_REQUEST);
        assertThat((String) body.get("detail")).contains("not valid JSON");
    }

    @Test
    void aMissingPasswordIsA400NamingTheField() {
        Map<String, Object> body = problem(postToken(Map.of("username", "someone")), HttpStatus.BAD_REQUEST);
        assertThat((String) body.get("detail")).contains("password");
        assertThat(body.get("errors").toString()).contains("field=password");
    }

    @Test
    void anOversizedFieldIsA400NamingTheField() {
        Map<String, Object> body =
                problem(postToken(Map.of("username", "x".repeat(101), "password", "p")), HttpStatus.BAD_REQUEST);
        assertThat(body.get("errors").toString()).contains("field=username");

        Map<String, Object> longPassword =
                problem(postToken(Map.of("username", "x", "password", "é".repeat(40))), HttpStatus.BAD_REQUEST);
        assertThat((String) longPassword.get("detail")).contains("password").contains("72 bytes");
    }

    @Test
    void anOversizedBodyIs413() {
        Map<String, Object> body = problem(
                postToken(Map.of("username", "u", "password", "p", "padding", "x".repeat(100_000))),
                HttpStatus.CONTENT_TOO_LARGE);
        assertThat(body.get("type")).isEqualTo("https://berrys.dev/problems/payload-too-large");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        problem(
                web.post()
                        .uri("/api/auth/token")
                        .contentType(MediaType.TEXT_PLAIN)
                        .bodyValue("username=admin")
                        .exchange(),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void noCredentialAtAllIsA400() {
        Map<String, Object> body = problem(postToken(Map.of()), HttpStatus.BAD_REQUEST);
        assertThat((String) body.get("detail"))
                .contains("username and password")
                .contains("clientId");
    }

    @Test
    void aWrongFieldTypeNamesTheField() {
        Map<String, Object> body =
                problem(postToken(Map.of("username", List.of("a"), "password", "p")), HttpStatus.BAD_REQUEST);
        assertThat((String) body.get("detail")).contains("'username'");
    }

    private WebTestClient.ResponseSpec postToken(Map<String, ?> body) {
        return web.post()
                .uri("/api/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static String accessToken(WebTestClient.ResponseSpec response) {
        Map<String, Object> body =
                response.expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        return (String) body.get("access_token");
    }
}
