package dev.berrys.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.contracts.security.Role;
import dev.berrys.gateway.GatewayIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class AccountsIT extends GatewayIT {

    @Test
    void adminCreatesAUserWhoCanThenLogIn() {
        String admin = tokenWithRoles(Role.ADMIN);
        String name = uniqueName("Grace");

        Map<String, Object> created = post(
                        admin,
                        "/api/auth/users",
                        Map.of("username", name, "password", "grace-password-1", "roles", List.of("OPERATOR")))
                .expectStatus()
                .isCreated()
                .expectHeader()
                .exists("Location")
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(created.get("username")).isEqualTo(name.toLowerCase());
        assertThat(created.get("tenant")).as("defaults to the caller's tenant").isEqualTo("default");
        assertThat(created.get("roles")).isEqualTo(List.of("OPERATOR"));
        assertThat(created.toString()).doesNotContain("grace-password-1").doesNotContain("$2a$");
        tokenFor(name, "grace-password-1");
    }

    @Test
    void userListIsPagedAndShowsNoHashes() {
        String admin = tokenWithRoles(Role.ADMIN);
        web.get()
                .uri("/api/auth/users?page=0&size=2")
                .headers(h -> h.setBearerAuth(admin))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.content.length()")
                .isEqualTo(2)
                .jsonPath("$.size")
                .isEqualTo(2)
                .jsonPath("$.totalElements")
                .value(total -> assertThat(((Number) total).longValue()).isGreaterThanOrEqualTo(2))
                .jsonPath("$.content[0].passwordHash")
                .doesNotExist()
                .jsonPath("$.content[0].username")
                .exists();
    }

    @Test
    void invalidUsersAreRefusedNamingTheFieldsAndNothingIsStored() {
        String admin = tokenWithRoles(Role.ADMIN);
        String name = uniqueName("shortpw");

        Map<String, Object> body = problem(
                post(admin, "/api/auth/users", Map.of("username", name, "password", "short", "roles", List.of())),
                HttpStatus.BAD_REQUEST);
        assertThat(body.get("errors").toString()).contains("field=password").contains("field=roles");

        Map<String, Object> badRole = problem(
                post(
                        admin,
                        "/api/auth/users",
                        Map.of("username", name, "password", "long-enough-pw", "roles", List.of("VIEWER", "KING"))),
                HttpStatus.BAD_REQUEST);
        assertThat(badRole.get("detail").toString()).contains("roles[1]");

        problem(
                web.post()
                        .uri("/api/auth/token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("username", name, "password", "long-enough-pw"))
                        .exchange(),
                HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aDuplicateUserIs409() {
        String admin = tokenWithRoles(Role.ADMIN);
        String name = uniqueName("dup");
        Map<String, Object> user = Map.of("username", name, "password", "dup-password-12", "roles", List.of("VIEWER"));
        post(admin, "/api/auth/users", user).expectStatus().isCreated();
        problem(post(admin, "/api/auth/users", user), HttpStatus.CONFLICT);
    }

    @Test
    void apiKeySecretIsShownOnceAndNeverListed() {
        // a tenant of its own: the listing holds this test's key, however many others a reused database keeps
        String admin = tokenWithRoles(uniqueName("keys"), Role.ADMIN);
        Map<String, Object> created = post(
                        admin, "/api/auth/api-keys", Map.of("name", "nightly", "roles", List.of("VIEWER")))
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Cache-Control", "no-store")
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        String secret = (String) created.get("clientSecret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        assertThat((String) created.get("clientId")).startsWith("bk_");

        String list = web.get()
                .uri("/api/auth/api-keys?size=100")
                .headers(h -> h.setBearerAuth(admin))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(list)
                .contains((String) created.get("clientId"))
                .doesNotContain(secret)
                .doesNotContain("secret");
    }

    @Test
    void aTenantAdminStaysInTheirTenant() {
        String name = createUser(uniqueName("acme-admin"), "acme-admin-pw-1", "acme", Role.ADMIN);
        String acmeAdmin = tokenFor(name, "acme-admin-pw-1");

        problem(
                post(
                        acmeAdmin,
                        "/api/auth/users",
                        Map.of(
                                "username",
                                uniqueName("x"),
                                "password",
                                "some-password-1",
                                "roles",
                                List.of("VIEWER"),
                                "tenant",
                                "default")),
                HttpStatus.FORBIDDEN);
        problem(
                web.get()
                        .uri("/api/auth/users?tenant=default")
                        .headers(h -> h.setBearerAuth(acmeAdmin))
                        .exchange(),
                HttpStatus.FORBIDDEN);
        problem(
                post(acmeAdmin, "/api/auth/api-keys", Map.of("name", "svc", "roles", List.of("SERVICE"))),
                HttpStatus.FORBIDDEN);

        web.get()
                .uri("/api/auth/users?size=100")
                .headers(h -> h.setBearerAuth(acmeAdmin))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.content[*].tenant")
                .value(tenants -> assertThat((List<?>) tenants).isNotEmpty().allMatch("acme"::equals));
    }

    @Test
    void meShowsTheCallersIdentity() {
        String name = createUser(uniqueName("hal"), "hal-password-12", "acme", Role.VIEWER);
        String token = tokenFor(name, "hal-password-12");
        web.get()
                .uri("/api/auth/me")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.subject")
                .isEqualTo(name)
                .jsonPath("$.roles[0]")
                .isEqualTo("VIEWER")
                .jsonPath("$.tenant")
                .isEqualTo("acme")
                .jsonPath("$.issuer")
                .isEqualTo("berrys");
    }

    private WebTestClient.ResponseSpec post(String token, String path, Map<String, ?> body) {
        return web.post()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
