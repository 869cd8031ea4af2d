package dev.berrys.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.berrys.contracts.security.Role;
import dev.berrys.gateway.GatewayIT;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Taking access back: disabled, deleted and reset users, revoked and rotated keys, and their existing tokens. */
class AccessRevocationIT extends GatewayIT {

    private static final String REVOKED = "https://berrys.dev/problems/token-revoked";
    private static final String INVALID_CREDENTIALS = "https://berrys.dev/problems/invalid-credentials";

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private org.springframework.data.redis.core.StringRedisTemplate redis;

    @Autowired
    private TokenSettings tokenSettings;

    @Test
    void aDisabledUsersTokensStopAndTheyCannotLogInUntilEnabledAgain() {
        String admin = tokenWithRoles(Role.ADMIN);
        Map<String, Object> user = newUser(admin, "viewer-password-1", "VIEWER");
        String name = (String) user.get("username");
        String token = tokenFor(name, "viewer-password-1");
        me(token).expectStatus().isOk();

        Map<String, Object> disabled = json(call(POST, admin, users(user) + "/disable", null), HttpStatus.OK);

        assertThat(disabled.get("disabled")).isEqualTo(true);
        assertThat(problem(me(token), HttpStatus.UNAUTHORIZED).get("type")).isEqualTo(REVOKED);
        // published at once for the services, which verify tokens on their own (before any refresh, 1 s here)
        Instant deadline = Instant.now().plusMillis(900);
        Object published = null;
        while (published == null && Instant.now().isBefore(deadline)) {
            published = redis.opsForHash().get(tokenSettings.revocationKey(), name);
        }
        assertThat(published).as("published for the services").isNotNull();
        assertThat(Long.parseLong(published.toString()))
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond());
        assertThat(problem(login(name, "viewer-password-1"), HttpStatus.UNAUTHORIZED)
                        .get("type"))
                .as("the same answer as a wrong password")
                .isEqualTo(INVALID_CREDENTIALS);

        json(call(POST, admin, users(user) + "/enable", null), HttpStatus.OK);
        me(tokenFor(name, "viewer-password-1")).expectStatus().isOk();
        problem(me(token), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aDeletedUserIsGoneWithTheirTokens() {
        String admin = tokenWithRoles(Role.ADMIN);
        Map<String, Object> user = newUser(admin, "deleted-password-1", "OPERATOR");
        String token = tokenFor((String) user.get("username"), "deleted-password-1");

        call(DELETE, admin, users(user), null).expectStatus().isNoContent();

        assertThat(problem(me(token), HttpStatus.UNAUTHORIZED).get("type")).isEqualTo(REVOKED);
        problem(login((String) user.get("username"), "deleted-password-1"), HttpStatus.UNAUTHORIZED);
        problem(call(DELETE, admin, users(user), null), HttpStatus.NOT_FOUND);
    }

    @Test
    void anAdminResetsAPasswordAndTheOldTokensAndPasswordStopWorking() {
        String admin = tokenWithRoles(Role.ADMIN);
        Map<String, Object> user = newUser(admin, "before-reset-pw", "OPERATOR");
        String name = (String) user.get("username");
        String token = tokenFor(name, "before-reset-pw");

        Map<String, Object> tooShort = problem(
                call(PUT, admin, users(user) + "/password", Map.of("password", "short")), HttpStatus.BAD_REQUEST);
        assertThat(tooShort.toString()).contains("password");
        call(PUT, admin, users(user) + "/password", Map.of("password", "after-reset-pw-1"))
                .expectStatus()
                .isNoContent();

        problem(me(token), HttpStatus.UNAUTHORIZED);
        problem(login(name, "before-reset-pw"), HttpStatus.UNAUTHORIZED);
        me(tokenFor(name, "after-reset-pw-1")).expectStatus().isOk();
    }

    @Test
    void aViewerChangesTheirOwnPasswordProvingTheCurrentOne() {
        String admin = tokenWithRoles(Role.ADMIN);
        Map<String, Object> user = newUser(admin, "own-password-old", "VIEWER");
        String name = (String) user.get("username");
        String token = tokenFor(name, "own-password-old");

        Map<String, Object> wrongCurrent = problem(
                call(
                        PUT,
                        token,
                        "/api/auth/me/password",
                        Map.of("currentPassword", "not-my-password", "newPassword", "own-password-new")),
                HttpStatus.BAD_REQUEST);
        assertThat((String) wrongCurrent.get("detail")).contains("currentPassword");
        Map<String, Object> weak = problem(
                call(
                        PUT,
                        token,
                        "/api/auth/me/password",
                        Map.of("currentPassword", "own-password-old", "newPassword", "short")),
                HttpStatus.BAD_REQUEST);
        assertThat(weak.toString()).contains("newPassword");
        tokenFor(name, "own-password-old");

        call(
                        PUT,
                        token,
                        "/api/auth/me/password",
                        Map.of("currentPassword", "own-password-old", "newPassword", "own-password-new"))
                .expectStatus()
                .isNoContent();

        problem(login(name, "own-password-old"), HttpStatus.UNAUTHORIZED);
        tokenFor(name, "own-password-new");
    }

    @Test
    void anotherTenantsAccountsAre404AndABadIdIs400() {
        String platformAdmin = tokenWithRoles(Role.ADMIN);
        Map<String, Object> user = newUser(platformAdmin, "tenant-default-pw", "VIEWER");
        Map<String, Object> key = newKey(platformAdmin, Map.of("name", "default key", "roles", List.of("VIEWER")));
        String acmeAdmin = tokenWithRoles("acme", Role.ADMIN);

        problem(call(POST, acmeAdmin, users(user) + "/disable", null), HttpStatus.NOT_FOUND);
        problem(call(DELETE, acmeAdmin, users(user), null), HttpStatus.NOT_FOUND);
        problem(
                call(PUT, acmeAdmin, users(user) + "/password", Map.of("password", "taken-over-pw-1")),
                HttpStatus.NOT_FOUND);
        problem(call(DELETE, acmeAdmin, keys(key), null), HttpStatus.NOT_FOUND);
        problem(call(POST, acmeAdmin, keys(key) + "/rotate", null), HttpStatus.NOT_FOUND);
        problem(call(DELETE, platformAdmin, "/api/auth/users/" + UUID.randomUUID(), null), HttpStatus.NOT_FOUND);
        Map<String, Object> badId =
                problem(call(POST, platformAdmin, "/api/auth/users/not-a-uuid/disable", null), HttpStatus.BAD_REQUEST);
        assertThat((String) badId.get("detail")).contains("id");

        tokenFor((String) user.get("username"), "tenant-default-pw");
    }

    @Test
    void anAdminCannotLockThemselvesOutNorRevokeTheConfiguredServiceClient() {
        String adminName = uniqueName("self");
        createUser(adminName, "self-admin-password", "default", Role.ADMIN);
        String admin = tokenFor(adminName, "self-admin-password");
        String selfId = idOf("users", "username", adminName);
        String serviceClientId = idOf("api_keys", "client_id", "berrys-services");

        problem(call(POST, admin, "/api/auth/users/" + selfId + "/disable", null), HttpStatus.CONFLICT);
        problem(call(DELETE, admin, "/api/auth/users/" + selfId, null), HttpStatus.CONFLICT);
        problem(call(DELETE, admin, "/api/auth/api-keys/" + serviceClientId, null), HttpStatus.CONFLICT);
        me(admin).expectStatus().isOk();
    }

    @Test
    void aRevokedKeyAndTheTokensItGotStopWorking() {
        String admin = tokenWithRoles(Role.ADMIN);
        Map<String, Object> key = newKey(admin, Map.of("name", "to revoke", "roles", List.of("OPERATOR")));
        String token = exchange(key.get("clientId"), key.get("clientSecret"));
        me(token).expectStatus().isOk();

        call(DELETE, admin, keys(key), null).expectStatus().isNoContent();

        assertThat(problem(me(token), HttpStatus.UNAUTHORIZED).get("type")).isEqualTo(REVOKED);
        problem(
                login(Map.of("clientId", key.get("clientId"), "clientSecret", key.get("clientSecret"))),
                HttpStatus.UNAUTHORIZED);
        problem(call(GET, (String) key.get("apiKey"), "/api/auth/me", null), HttpStatus.UNAUTHORIZED);
        problem(call(DELETE, admin, keys(key), null), HttpStatus.NOT_FOUND);
    }

    @Test
    void aRotatedKeyHasANewSecretShownOnceAndTheOldOneStops() {
        String admin = tokenWithRoles(Role.ADMIN);
        Map<String, Object> key = newKey(admin, Map.of("name", "to rotate", "roles", List.of("OPERATOR")));
        String oldToken = exchange(key.get("clientId"), key.get("clientSecret"));
        call(GET, (String) key.get("apiKey"), "/api/auth/me", null)
                .expectStatus()
                .isOk();

        Map<String, Object> rotated = call(POST, admin, keys(key) + "/rotate", null)
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Cache-Control", "no-store")
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(rotated.get("id")).isEqualTo(key.get("id"));
        assertThat(rotated.get("clientId")).isEqualTo(key.get("clientId"));
        assertThat(rotated.get("clientSecret")).isNotEqualTo(key.get("clientSecret"));
        problem(me(oldToken), HttpStatus.UNAUTHORIZED);
        problem(
                login(Map.of("clientId", key.get("clientId"), "clientSecret", key.get("clientSecret"))),
                HttpStatus.UNAUTHORIZED);
        problem(call(GET, (String) key.get("apiKey"), "/api/auth/me", null), HttpStatus.UNAUTHORIZED);
        me(exchange(rotated.get("clientId"), rotated.get("clientSecret")))
                .expectStatus()
                .isOk();
        call(GET, (String) rotated.get("apiKey"), "/api/auth/me", null)
                .expectStatus()
                .isOk();
        assertThat(json(call(GET, admin, "/api/auth/api-keys?size=100", null), HttpStatus.OK)
                        .toString())
                .doesNotContain((String) rotated.get("clientSecret"));
    }

    @Test
    void aRevocationMadeByAnotherReplicaCountsAfterTheRefresh() throws InterruptedException {
        String name = uniqueName("elsewhere");
        createUser(name, "elsewhere-password", "default", Role.VIEWER);
        String token = tokenFor(name, "elsewhere-password");
        me(token).expectStatus().isOk();

        // what another gateway replica writes when its admin disables the user
        jdbc.sql("insert into token_revocations (subject, revoked_at) values (:subject, :at)")
                .param("subject", name)
                .param("at", Timestamp.from(Instant.now().plusSeconds(1)))
                .update();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        HttpStatus status = HttpStatus.OK;
        while (status != HttpStatus.UNAUTHORIZED && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            status = HttpStatus.valueOf(
                    me(token).returnResult(String.class).getStatus().value());
        }
        assertThat(status).as("refused within the refresh").isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(redis.opsForHash().get(tokenSettings.revocationKey(), name))
                .as("the refresh publishes what the other replica revoked for the services")
                .isNotNull();
    }

    private Map<String, Object> newUser(String admin, String password, String role) {
        return json(
                call(
                        POST,
                        admin,
                        "/api/auth/users",
                        Map.of("username", uniqueName("acct"), "password", password, "roles", List.of(role))),
                HttpStatus.CREATED);
    }

    private Map<String, Object> newKey(String admin, Map<String, Object> body) {
        return json(call(POST, admin, "/api/auth/api-keys", body), HttpStatus.CREATED);
    }

    private String exchange(Object clientId, Object clientSecret) {
        return (String) json(login(Map.of("clientId", clientId, "clientSecret", clientSecret)), HttpStatus.OK)
                .get("access_token");
    }

    private WebTestClient.ResponseSpec me(String token) {
        return call(GET, token, "/api/auth/me", null);
    }

    private WebTestClient.ResponseSpec login(String user, String pw) {
        return login(Map.of("username", user, "password", pw));
    }

    private WebTestClient.ResponseSpec login(Map<String, ?> body) {
        return web.post()
                .uri("/api/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private String idOf(String table, String column, String value) {
        return jdbc.sql("select id::text from " + table + " where " + column + " = :value")
                .param("value", value)
                .query(String.class)
                .single();
    }

    private static String users(Map<String, Object> user) {
        return "/api/auth/users/" + user.get("id");
    }

    private static String keys(Map<String, Object> key) {
        return "/api/auth/api-keys/" + key.get("id");
    }
}
