package dev.berrys.tool.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.starter.events.EventBusProperties;
import dev.berrys.starter.test.TestEvents;
import dev.berrys.starter.test.TestTokens;
import dev.berrys.tool.support.Api;
import dev.berrys.tool.support.ToolIntegrationTest;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ToolIntegrationTest
class ToolExecutionIT {
    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RedisClient redis;

    @Autowired
    EventBusProperties bus;

    Api api;
    UUID projectId;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        projectId = UUID.randomUUID();
    }

    private Api.Response calculate(Object arguments) {
        return api.post(
                "/api/tools/calculator/execute",
                TestTokens.service("default"),
                Map.of(
                        "arguments",
                        arguments,
                        "projectId",
                        projectId,
                        "taskId",
                        UUID.randomUUID(),
                        "executionId",
                        UUID.randomUUID()));
    }

    @Test
    void theCalculatorRunsAndTheExecutionIsRecordedAndPublished() {
        var result = calculate(Map.of("expression", "(2 + 3) * sqrt(16) / 4"));
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body().path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(result.body().path("tool").asString()).isEqualTo("calculator");
        assertThat(result.body().at("/result/result").decimalValue()).isEqualByComparingTo("5");
        assertThat(result.body().has("error")).isFalse();
        String id = result.body().path("id").asString();

        var recorded = api.get("/api/tool-executions/" + id, TestTokens.viewer());
        assertThat(recorded.status()).isEqualTo(200);
        assertThat(recorded.body().path("projectId").asString()).isEqualTo(projectId.toString());
        assertThat(recorded.body().path("taskId").asString()).isNotBlank();
        assertThat(recorded.body().path("executionId").asString()).isNotBlank();
        assertThat(recorded.body().at("/arguments/expression").asString()).isEqualTo("(2 + 3) * sqrt(16) / 4");
        assertThat(recorded.body().path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(recorded.body().path("resultSummary").asString()).contains("\"result\":5");
        assertThat(recorded.body().path("startedAt").asString()).isNotBlank();
        // the replica that ran it, in the record and in the list
        String replica = recorded.body().path("handledBy").asString();
        assertThat(replica).isNotBlank();

        var listed = api.get("/api/tool-executions?projectId=" + projectId + "&tool=calculator", TestTokens.viewer());
        assertThat(listed.body().path("totalElements").asLong()).isEqualTo(1);
        assertThat(listed.body().at("/content/0/id").asString()).isEqualTo(id);
        assertThat(listed.body().at("/content/0/handledBy").asString()).isEqualTo(replica);

        JsonNode event = await().atMost(Duration.ofSeconds(20)).until(() -> publishedEvent(id), e -> e != null);
        assertThat(event.path("type").asString()).isEqualTo("tool.executed");
        assertThat(event.path("tenant").asString()).isEqualTo("default");
        assertThat(event.at("/data/toolExecutionId").asString()).isEqualTo(id);
        assertThat(event.at("/data/projectId").asString()).isEqualTo(projectId.toString());
        assertThat(event.at("/data/tool").asString()).isEqualTo("calculator");
        assertThat(event.at("/data/outcome").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void argumentsThatDoNotFitTheSchemaGiveARecordedFailedResultNamingTheField() {
        var missing = calculate(Map.of());
        assertThat(missing.status()).isEqualTo(200);
        assertThat(missing.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(missing.body().path("error").asString())
                .contains("expression")
                .contains("Invalid arguments");

        var oversized = calculate(Map.of("expression", "1+".repeat(250) + "1"));
        assertThat(oversized.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(oversized.body().path("error").asString()).contains("expression");

        var wrongType = calculate(Map.of("expression", 42));
        assertThat(wrongType.body().path("error").asString()).contains("expression");

        var recorded =
                api.get("/api/tool-executions/" + missing.body().path("id").asString(), TestTokens.viewer());
        assertThat(recorded.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(recorded.body().path("error").asString()).contains("expression");
    }

    @Test
    void aDivisionByZeroIsAFailedResultTheModelCanRead() {
        var result = calculate(Map.of("expression", "1 / (3 - 3)"));
        assertThat(result.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(result.body().path("error").asString()).isEqualTo("Division by zero at position 3.");
        assertThat(result.body().has("result")).isFalse();
    }

    @Test
    void aMalformedRequestIsA400AndAnUnknownToolA404AndNeitherIsRecorded() {
        long before = executions();
        var notJson = api.post("/api/tools/calculator/execute", TestTokens.service("default"), "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().path("type").asString()).isEqualTo("https://berrys.dev/problems/malformed-json");

        var noArguments = api.post(
                "/api/tools/calculator/execute", TestTokens.service("default"), Map.of("projectId", projectId));
        assertThat(noArguments.status()).isEqualTo(400);
        assertThat(noArguments.body().path("field").asString()).isEqualTo("arguments");

        var argumentsNotAnObject =
                api.post("/api/tools/calculator/execute", TestTokens.service("default"), "{\"arguments\": \"1+1\"}");
        assertThat(argumentsNotAnObject.status()).isEqualTo(400);
        assertThat(argumentsNotAnObject.body().path("field").asString()).isEqualTo("arguments");

        var unknown = api.post(
                "/api/tools/no_such_tool/execute", TestTokens.service("default"), Map.of("arguments", Map.of()));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("detail").asString()).contains("no_such_tool");

        assertThat(executions()).isEqualTo(before);
    }

    @Test
    void perToolStatisticsCountCallsAndFailuresWithDurationPercentiles() {
        String otherTenant = TestTokens.token("stats", "stats-" + UUID.randomUUID(), "SERVICE");
        for (int i = 0; i < 4; i++) {
            api.post("/api/tools/calculator/execute", otherTenant, Map.of("arguments", Map.of("expression", i + "+1")));
        }
        api.post("/api/tools/calculator/execute", otherTenant, Map.of("arguments", Map.of("expression", "1/0")));

        var stats = api.get("/api/tools/calculator/stats", otherTenant);
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.body().path("calls").asLong()).isEqualTo(5);
        assertThat(stats.body().path("failures").asLong()).isEqualTo(1);
        assertThat(stats.body().path("failureRate").asDouble()).isEqualTo(0.2);
        assertThat(stats.body().path("p50DurationMs").isNumber()).isTrue();
        assertThat(stats.body().path("p95DurationMs").asLong())
                .isGreaterThanOrEqualTo(stats.body().path("p50DurationMs").asLong());
        assertThat(stats.body().path("lastExecutedAt").asString()).isNotBlank();

        assertThat(api.get("/api/tools/nope/stats", otherTenant).status()).isEqualTo(404);
    }

    @Test
    void anotherTenantSeesNeitherTheRecordNorItInLists() {
        var result = calculate(Map.of("expression", "1+1"));
        String id = result.body().path("id").asString();
        String other = TestTokens.token("intruder", "other-tenant", "ADMIN");
        assertThat(api.get("/api/tool-executions/" + id, other).status()).isEqualTo(404);
        assertThat(api.get("/api/tool-executions?projectId=" + projectId, other)
                        .body()
                        .path("totalElements")
                        .asLong())
                .isZero();
    }

    @Test
    void onlyServicesMayExecuteToolsForAProjectOfTheirTenant() {
        String tenant = "exec-" + UUID.randomUUID();
        long before = executions();
        for (String role : new String[] {"ADMIN", "OPERATOR", "VIEWER"}) {
            var refused = api.post(
                    "/api/tools/calculator/execute",
                    TestTokens.token("person", tenant, role),
                    Map.of("arguments", Map.of("expression", "1+1"), "projectId", projectId));
            assertThat(refused.status()).as(role).isEqualTo(403);
            assertThat(refused.body().path("type").asString()).as(role).endsWith("/forbidden");
        }
        assertThat(executions()).isEqualTo(before);

        var byService = api.post(
                "/api/tools/calculator/execute",
                TestTokens.service(tenant),
                Map.of("arguments", Map.of("expression", "1+1"), "projectId", projectId));
        assertThat(byService.body().path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject(
                        "select tenant from tool_execution where id = ?::uuid",
                        String.class,
                        byService.body().path("id").asString()))
                .isEqualTo(tenant);
    }

    @Test
    void aRefusedHostIsNotAnsweredWithTheAddressItResolvesTo() throws Exception {
        // this machine's name resolves to one of its own (non-public) addresses, and is not allow-listed
        String own = java.net.InetAddress.getLocalHost().getHostName();
        String resolved = java.net.InetAddress.getByName(own).getHostAddress();
        var result = api.post(
                "/api/tools/http_get/execute",
                TestTokens.service("default"),
                Map.of("arguments", Map.of("url", "http://" + own + ":9/internal")));
        assertThat(result.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(result.body().path("error").asString())
                .contains("'" + own.toLowerCase(java.util.Locale.ROOT) + "'")
                .doesNotContain(resolved);
    }

    private long executions() {
        return jdbc.queryForObject("select count(*) from tool_execution", Long.class);
    }

    private JsonNode publishedEvent(String executionId) {
        return new TestEvents(redis, bus, JsonMapper.builder().build())
                .read("berrys.tool").stream()
                        .filter(e -> executionId.equals(e.path("subject").asString()))
                        .findFirst()
                        .orElse(null);
    }
}
