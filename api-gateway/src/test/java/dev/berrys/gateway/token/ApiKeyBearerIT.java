package dev.berrys.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import com.nimbusds.jwt.SignedJWT;
import dev.berrys.contracts.security.Role;
import dev.berrys.gateway.GatewayIT;
import dev.berrys.gateway.StubService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** An API key as the bearer credential itself, the way an OpenAI SDK sends its API key. */
class ApiKeyBearerIT extends GatewayIT {

    private static final String CHAT = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void anOpenAiClientCallsV1WithTheKeyAndTheServiceGetsTheKeysToken() throws Exception {
        String admin = tokenWithRoles(Role.ADMIN);
        Map<String, Object> key =
                newKey(admin, Map.of("name", "sdk", "roles", List.of("OPERATOR"), "tenant", "acme", "budgetUsd", 2.5));
        String apiKey = (String) key.get("apiKey");
        assertThat(apiKey).startsWith((String) key.get("clientId") + "_").endsWith((String) key.get("clientSecret"));
        STUB.clear();

        call(POST, apiKey, "/v1/chat/completions", CHAT).expectStatus().isOk();

        StubService.Received received = STUB.take();
        assertThat(received.path()).isEqualTo("/v1/chat/completions");
        String forwarded = received.header("Authorization");
        assertThat(forwarded).startsWith("Bearer ").doesNotContain((String) key.get("clientSecret"));
        var claims = SignedJWT.parse(forwarded.substring(7)).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(key.get("clientId"));
        assertThat(claims.getStringListClaim("roles")).containsExactly("OPERATOR");
        assertThat(claims.getStringClaim("tenant")).isEqualTo("acme");
        assertThat(claims.getStringClaim("budgetUsd")).isEqualTo("2.5000");

        // the exchange is kept: the second call carries the same token
        call(GET, apiKey, "/v1/models", null).expectStatus().isOk();
        assertThat(STUB.take().header("Authorization")).isEqualTo(forwarded);
    }

    @Test
    void theKeysRolesApply() {
        String admin = tokenWithRoles(Role.ADMIN);
        String viewerKey = (String) newKey(admin, Map.of("name", "read only", "roles", List.of("VIEWER")))
                .get("apiKey");

        call(GET, viewerKey, "/api/auth/me", null).expectStatus().isOk();
        problem(call(POST, viewerKey, "/v1/chat/completions", CHAT), HttpStatus.FORBIDDEN);
    }

    @Test
    void anExpiredKeyIs401AndItsTokensEndWithIt() throws Exception {
        String admin = tokenWithRoles(Role.ADMIN);
        Instant expiresAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> key = newKey(
                admin, Map.of("name", "short-lived", "roles", List.of("VIEWER"), "expiresAt", expiresAt.toString()));
        Map<String, Object> token = json(
                web.post()
                        .uri("/api/auth/token")
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("clientId", key.get("clientId"), "clientSecret", key.get("clientSecret")))
                        .exchange(),
                HttpStatus.OK);
        assertThat(SignedJWT.parse((String) token.get("access_token"))
                        .getJWTClaimsSet()
                        .getExpirationTime()
                        .toInstant())
                .isBeforeOrEqualTo(expiresAt);

        Thread.sleep(Math.max(0, expiresAt.toEpochMilli() - System.currentTimeMillis()) + 200);

        Map<String, Object> expired =
                problem(call(GET, (String) key.get("apiKey"), "/api/auth/me", null), HttpStatus.UNAUTHORIZED);
        assertThat(expired.get("type")).isEqualTo("https://berrys.dev/problems/api-key-expired");
    }

    @Test
    void aWrongOrMalformedKeyIs401() {
        String admin = tokenWithRoles(Role.ADMIN);
        Map<String, Object> key = newKey(admin, Map.of("name", "real", "roles", List.of("VIEWER")));

        Map<String, Object> wrong = problem(
                call(GET, key.get("clientId") + "_" + "x".repeat(43), "/api/auth/me", null), HttpStatus.UNAUTHORIZED);
        assertThat(wrong.get("type")).isEqualTo("https://berrys.dev/problems/invalid-credentials");
        problem(call(GET, "bk_short", "/api/auth/me", null), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void badKeySettingsAreRefusedNamingTheField() {
        String admin = tokenWithRoles(Role.ADMIN);

        Map<String, Object> past = problem(
                call(
                        POST,
                        admin,
                        "/api/auth/api-keys",
                        Map.of("name", "k", "roles", List.of("VIEWER"), "expiresAt", "2020-01-01T00:00:00Z")),
                HttpStatus.BAD_REQUEST);
        assertThat((String) past.get("detail")).contains("expiresAt");
        Map<String, Object> budget = problem(
                call(
                        POST,
                        admin,
                        "/api/auth/api-keys",
                        Map.of("name", "k", "roles", List.of("VIEWER"), "budgetUsd", -1)),
                HttpStatus.BAD_REQUEST);
        assertThat(budget.toString()).contains("budgetUsd");
        Map<String, Object> tenants = problem(
                call(
                        POST,
                        admin,
                        "/api/auth/api-keys",
                        Map.of("name", "k", "roles", List.of("VIEWER"), "tenants", List.of("acme"))),
                HttpStatus.BAD_REQUEST);
        assertThat((String) tenants.get("detail")).contains("tenants");
    }

    private Map<String, Object> newKey(String admin, Map<String, Object> body) {
        return json(call(POST, admin, "/api/auth/api-keys", body), HttpStatus.CREATED);
    }
}
