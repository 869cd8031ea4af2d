package dev.berrys.tool.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.starter.test.TestTokens;
import dev.berrys.tool.support.Api;
import dev.berrys.tool.support.LocalHttpServer;
import dev.berrys.tool.support.ToolIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@ToolIntegrationTest
class ToolRegistryIT {
    static final Map<String, Object> SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of("city", Map.of("type", "string"), "token", Map.of("type", "string")),
            "required", List.of("city"));

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    LocalHttpServer endpoint;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        endpoint = new LocalHttpServer();
        endpoint.handle("/weather", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            LocalHttpServer.respond(exchange, 200, "application/json", "{\"received\":" + body + ",\"tempC\":21}");
        });
    }

    @AfterEach
    void tearDown() {
        endpoint.close();
    }

    @Test
    void listsTheBuiltInToolsWithTheirSchemasForAgents() {
        var page = api.get("/api/tools?size=500", TestTokens.service("default"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.names())
                .contains("calculator", "http_get", "workspace_write", "workspace_read", "workspace_list");
        assertThat(page.body().path("size").asInt()).isEqualTo(500);
        assertThat(page.body().path("totalElements").asLong()).isGreaterThanOrEqualTo(5);

        var calculator = api.get("/api/tools/calculator", TestTokens.viewer());
        assertThat(calculator.status()).isEqualTo(200);
        assertThat(calculator.body().path("source").asString()).isEqualTo("BUILTIN");
        assertThat(calculator.body().path("enabled").asBoolean()).isTrue();
        assertThat(calculator.body().path("status").asString()).isEqualTo("AVAILABLE");
        assertThat(calculator.body().at("/parameters/type").asString()).isEqualTo("object");
        assertThat(calculator.body().at("/parameters/required/0").asString()).isEqualTo("expression");
        assertThat(calculator.body().path("id").asString()).isNotBlank();

        assertThat(api.get("/api/tools?size=501", TestTokens.viewer())
                        .body()
                        .path("field")
                        .asString())
                .isEqualTo("size");
    }

    @Test
    void registersAnHttpToolThatIsCalledWithTheArgumentsAsJson() {
        String name = "weather-" + shortId();
        var created = api.post(
                "/api/tools",
                TestTokens.operator(),
                Map.of(
                        "name",
                        name,
                        "description",
                        "Weather by city",
                        "parameters",
                        SCHEMA,
                        "url",
                        endpoint.url("/weather")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().path("source").asString()).isEqualTo("HTTP");
        assertThat(created.body().at("/parameters/properties/city/type").asString())
                .isEqualTo("string");

        var result = api.post(
                "/api/tools/" + name + "/execute",
                TestTokens.service("default"),
                Map.of("arguments", Map.of("city", "Ghent", "token", "s3cr3t-value")));
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body().path("status").asString())
                .as(result.toString())
                .isEqualTo("SUCCEEDED");
        assertThat(result.body().at("/result/received/city").asString()).isEqualTo("Ghent");
        assertThat(result.body().at("/result/tempC").asInt()).isEqualTo(21);

        var recorded =
                api.get("/api/tool-executions/" + result.body().path("id").asString(), TestTokens.viewer());
        assertThat(recorded.body().at("/arguments/token").asString()).isEqualTo("***");
        assertThat(recorded.body().at("/arguments/city").asString()).isEqualTo("Ghent");
        assertThat(jdbc.queryForObject(
                        "select count(*) from tool_execution where arguments like '%s3cr3t-value%'", Long.class))
                .isZero();

        var duplicate = api.post(
                "/api/tools",
                TestTokens.operator(),
                Map.of("name", name, "description", "again", "parameters", SCHEMA, "url", endpoint.url("/weather")));
        assertThat(duplicate.status()).isEqualTo(409);
    }

    @Test
    void aParametersValueThatIsNotAJsonSchemaIsA400NamingParametersAndNothingIsStored() {
        String name = "broken-" + shortId();
        var invalid = api.post(
                "/api/tools",
                TestTokens.admin(),
                Map.of(
                        "name",
                        name,
                        "description",
                        "broken",
                        "parameters",
                        Map.of("type", "object", "properties", Map.of("q", Map.of("type", "strnig"))),
                        "url",
                        endpoint.url("/weather")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("field").asString()).isEqualTo("parameters");
        assertThat(invalid.body().path("detail").asString()).contains("not a valid JSON Schema");
        assertThat(invalid.body().path("type").asString()).isEqualTo("https://berrys.dev/problems/invalid-request");

        var notAnObject = api.post(
                "/api/tools",
                TestTokens.admin(),
                "{\"name\":\"" + name + "\",\"description\":\"d\",\"parameters\":\"abc\",\"url\":\""
                        + endpoint.url("/w") + "\"}");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.body().path("field").asString()).isEqualTo("parameters");

        var missing = api.post(
                "/api/tools", TestTokens.admin(), Map.of("name", name, "description", "d", "url", endpoint.url("/w")));
        assertThat(missing.body().path("field").asString()).isEqualTo("parameters");

        assertThat(api.get("/api/tools/" + name, TestTokens.viewer()).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from tool where name = ?", Long.class, name))
                .isZero();
    }

    @Test
    void badNamesAndRefusedUrlsAre400sNamingTheField() {
        var badName = api.post(
                "/api/tools",
                TestTokens.admin(),
                Map.of("name", "has space", "description", "d", "parameters", SCHEMA, "url", endpoint.url("/w")));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body().path("field").asString()).isEqualTo("name");

        var loopback = api.post(
                "/api/tools",
                TestTokens.admin(),
                Map.of(
                        "name",
                        "lo-" + shortId(),
                        "description",
                        "d",
                        "parameters",
                        SCHEMA,
                        "url",
                        "http://127.0.0.1:9/x"));
        assertThat(loopback.status()).isEqualTo(400);
        assertThat(loopback.body().path("field").asString()).isEqualTo("url");
        assertThat(loopback.body().path("detail").asString()).contains("loopback");
    }

    @Test
    void aDisabledToolIsA409WhenExecutedUntilItIsEnabledAgain() {
        String name = "switch-" + shortId();
        api.post(
                "/api/tools",
                TestTokens.admin(),
                Map.of("name", name, "description", "d", "parameters", SCHEMA, "url", endpoint.url("/weather")));

        var disabled = api.patch("/api/tools/" + name, TestTokens.admin(), Map.of("enabled", false));
        assertThat(disabled.body().path("enabled").asBoolean()).isFalse();
        var refused = api.post(
                "/api/tools/" + name + "/execute",
                TestTokens.service("default"),
                Map.of("arguments", Map.of("city", "x")));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("type").asString()).endsWith("/tool-disabled");
        assertThat(api.get("/api/tools?enabled=false&size=500", TestTokens.viewer())
                        .names())
                .contains(name);

        // POST with only name and enabled switches an existing tool
        var enabled = api.post("/api/tools", TestTokens.admin(), Map.of("name", name, "enabled", true));
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.body().path("enabled").asBoolean()).isTrue();
        assertThat(api.post(
                                "/api/tools/" + name + "/execute",
                                TestTokens.service("default"),
                                Map.of("arguments", Map.of("city", "x")))
                        .body()
                        .path("status")
                        .asString())
                .isEqualTo("SUCCEEDED");

        assertThat(api.patch("/api/tools/" + name, TestTokens.admin(), Map.of())
                        .body()
                        .path("field")
                        .asString())
                .isEqualTo("enabled");
        assertThat(api.patch("/api/tools/nope-" + shortId(), TestTokens.admin(), Map.of("enabled", true))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aViewerMayReadButNotRegisterAndTenantsDoNotSeeEachOthersTools() {
        String name = "private-" + shortId();
        var byViewer = api.post(
                "/api/tools",
                TestTokens.viewer(),
                Map.of("name", name, "description", "d", "parameters", SCHEMA, "url", endpoint.url("/weather")));
        assertThat(byViewer.status()).isEqualTo(403);

        api.post(
                "/api/tools",
                TestTokens.admin(),
                Map.of("name", name, "description", "d", "parameters", SCHEMA, "url", endpoint.url("/weather")));
        String other = TestTokens.token("someone", "other-tenant", "ADMIN");
        assertThat(api.get("/api/tools/" + name, other).status()).isEqualTo(404);
        assertThat(api.get("/api/tools?size=500", other).names())
                .doesNotContain(name)
                .contains("calculator");
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
