package dev.berrys.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.model.Api;
import dev.berrys.model.ModelIT;
import dev.berrys.starter.test.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Who may administer providers and models, and where a provider's key may be sent. */
@ModelIT
class ProviderAdministrationIT {
    static final String SECRET = "sk-admin-test-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void onlyAnAdminCreatesChangesOrDeletesProvidersModelsAndRoutingPolicies() {
        String tenant = "t-" + UUID.randomUUID();
        Api admin = new Api(port, TestTokens.token("admin", tenant, "ADMIN"));
        String simulated =
                admin.get("/api/providers").json().at("/content/0/id").asString();
        String model = admin.get("/api/models").json().at("/content/0/id").asString();
        long before = rows(tenant);
        for (String role : List.of("OPERATOR", "VIEWER", "SERVICE")) {
            String token = TestTokens.token("someone", tenant, role);
            var provider = Map.of("name", "p-" + role.toLowerCase(), "type", "SIMULATED");
            assertThat(send("POST", "/api/providers", provider, token)).as(role).isEqualTo(403);
            assertThat(send("PUT", "/api/providers/" + simulated, Map.of("name", "x", "type", "SIMULATED"), token))
                    .as(role)
                    .isEqualTo(403);
            assertThat(send("DELETE", "/api/providers/" + simulated, null, token))
                    .as(role)
                    .isEqualTo(403);
            assertThat(send("POST", "/api/models", Map.of("providerId", simulated, "name", "m-" + role), token))
                    .as(role)
                    .isEqualTo(403);
            assertThat(send("PUT", "/api/models/" + model, Map.of("providerId", simulated, "name", "renamed"), token))
                    .as(role)
                    .isEqualTo(403);
            assertThat(send("POST", "/api/routing-policies", Map.of("taskType", "plan"), token))
                    .as(role)
                    .isEqualTo(403);
        }
        assertThat(rows(tenant)).isEqualTo(before);
        assertThat(admin.get("/api/models/" + model).json().get("name").asString())
                .isNotEqualTo("renamed");
        assertThat(admin.post("/api/routing-policies", Map.of("taskType", "plan"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void changingTheBaseUrlDropsTheStoredKeyUnlessANewOneComesWithIt() {
        Api api = Api.ofNewTenant(port);
        var created = api.post(
                "/api/providers",
                Map.of(
                        "name",
                        "moving",
                        "type",
                        "OPENAI_COMPATIBLE",
                        "baseUrl",
                        "http://127.0.0.1:9/v1",
                        "apiKey",
                        SECRET));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();

        var sameUrl = api.put(
                "/api/providers/" + id,
                Map.of(
                        "name",
                        "moving",
                        "type",
                        "OPENAI_COMPATIBLE",
                        "baseUrl",
                        "http://127.0.0.1:9/v1/",
                        "enabled",
                        false));
        assertThat(sameUrl.json().get("hasApiKey").asBoolean())
                .as("same address keeps the key")
                .isTrue();

        var moved = api.put(
                "/api/providers/" + id,
                Map.of("name", "moving", "type", "OPENAI_COMPATIBLE", "baseUrl", "http://localhost:9/v1"));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("hasApiKey").asBoolean())
                .as("the key does not follow a new address")
                .isFalse();
        assertThat(jdbc.queryForObject("select api_key_cipher from provider where id = ?::uuid", String.class, id))
                .isNull();

        var movedWithKey = api.put(
                "/api/providers/" + id,
                Map.of(
                        "name",
                        "moving",
                        "type",
                        "OPENAI_COMPATIBLE",
                        "baseUrl",
                        "http://127.0.0.1:9/v1",
                        "apiKey",
                        SECRET));
        assertThat(movedWithKey.json().get("hasApiKey").asBoolean()).isTrue();
        assertThat(movedWithKey.body()).doesNotContain(SECRET);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest",
                "http://10.0.0.1/v1",
                "http://192.168.1.10:8000/v1",
                "http://127.0.0.2:11434",
                "http://[::1]:8000/v1",
                "http://0.0.0.0:8000"
            })
    void aBaseUrlOnANonPublicAddressIsRefusedNamingBaseUrlAndNothingIsStored(String baseUrl) {
        Api api = Api.ofNewTenant(port);
        api.get("/api/providers"); // the tenant's first sight seeds its catalog
        String tenant = tenantOf(api);
        long before = rows(tenant);
        var created =
                api.post("/api/providers", Map.of("name", "inner", "type", "OPENAI_COMPATIBLE", "baseUrl", baseUrl));
        assertThat(created.status()).as(created.body()).isEqualTo(400);
        assertThat(created.json().get("field").asString()).isEqualTo("baseUrl");

        var ok = api.post(
                "/api/providers",
                Map.of("name", "outer", "type", "OPENAI_COMPATIBLE", "baseUrl", "http://127.0.0.1:9/v1"));
        String id = ok.json().get("id").asString();
        var moved = api.put(
                "/api/providers/" + id, Map.of("name", "outer", "type", "OPENAI_COMPATIBLE", "baseUrl", baseUrl));
        assertThat(moved.status()).as(moved.body()).isEqualTo(400);
        assertThat(moved.json().get("field").asString()).isEqualTo("baseUrl");
        assertThat(api.get("/api/providers/" + id).json().get("baseUrl").asString())
                .isEqualTo("http://127.0.0.1:9/v1");
        assertThat(rows(tenant)).isEqualTo(before + 1);
    }

    private int send(String method, String path, Object body, String token) {
        return new Api(port, token).send(method, path, body, token, Map.of()).status();
    }

    private long rows(String tenant) {
        return jdbc.queryForObject(
                "select (select count(*) from provider where tenant = ?) + (select count(*) from model where tenant = ?)"
                        + " + (select count(*) from routing_policy where tenant = ?)",
                Long.class,
                tenant,
                tenant,
                tenant);
    }

    private static String tenantOf(Api api) {
        String payload = api.token().split("\\.")[1];
        return Api.JSON
                .readTree(java.util.Base64.getUrlDecoder().decode(payload))
                .get("tenant")
                .asString();
    }
}
