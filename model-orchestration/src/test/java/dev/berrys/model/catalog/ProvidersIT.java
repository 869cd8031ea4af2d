package dev.berrys.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.model.Api;
import dev.berrys.model.ModelIT;
import dev.berrys.starter.test.TestTokens;
import dev.berrys.starter.test.model.Answers;
import dev.berrys.starter.test.model.FakeModelServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@ModelIT
@ExtendWith(OutputCaptureExtension.class)
class ProvidersIT {
    static final String SECRET = "sk-live-VERY-SECRET-424242";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.ofNewTenant(port);
    }

    @Test
    void aProviderAndItsModelAreCreatedReadChangedAndDeletedWithTheKeyNeverShown() {
        var created = api.post(
                "/api/providers",
                Map.of(
                        "name",
                        "openai-test",
                        "type",
                        "OPENAI_COMPATIBLE",
                        "baseUrl",
                        "http://localhost:9/v1/",
                        "apiKey",
                        SECRET,
                        "settings",
                        Map.of("timeoutMs", 5000, "maxConcurrency", 8, "fallback", List.of("x"))));
        assertThat(created.status()).isEqualTo(201);
        JsonNode p = created.json();
        assertThat(p.get("hasApiKey").asBoolean()).isTrue();
        assertThat(p.has("apiKey")).isFalse();
        assertThat(p.get("baseUrl").asString()).isEqualTo("http://localhost:9/v1");
        assertThat(p.get("settings").get("maxConcurrency").asInt()).isEqualTo(8);
        String id = p.get("id").asString();
        String stored = jdbc.queryForObject("select api_key_cipher from provider where id = ?::uuid", String.class, id);
        assertThat(stored).isNotBlank().doesNotContain(SECRET).doesNotContain("SECRET");

        var model = api.post(
                "/api/models",
                Map.of(
                        "providerId",
                        id,
                        "name",
                        "gpt-test",
                        "upstreamName",
                        "gpt-4o-mini",
                        "contextWindow",
                        128000,
                        "capabilities",
                        List.of("chat", "tools", "vision"),
                        "inputPricePerMillion",
                        0.15,
                        "outputPricePerMillion",
                        0.6));
        assertThat(model.status()).isEqualTo(201);
        String modelId = model.json().get("id").asString();
        assertThat(model.json().get("providerName").asString()).isEqualTo("openai-test");
        assertThat(api.get("/api/models/" + modelId).json().get("capabilities")).hasSize(3);
        var changedModel = api.put(
                "/api/models/" + modelId,
                Map.of("providerId", id, "name", "gpt-test", "enabled", false, "outputPricePerMillion", 0.7));
        assertThat(changedModel.json().get("enabled").asBoolean()).isFalse();
        assertThat(changedModel.json().get("upstreamName").asString()).isEqualTo("gpt-4o-mini");
        assertThat(api.get("/v1/models").body()).doesNotContain("gpt-test");

        var changed = api.put(
                "/api/providers/" + id, Map.of("name", "openai-test", "type", "OPENAI_COMPATIBLE", "enabled", false));
        assertThat(changed.json().get("enabled").asBoolean()).isFalse();
        assertThat(changed.json().get("hasApiKey").asBoolean())
                .as("a missing apiKey keeps the key")
                .isTrue();
        var cleared = api.put(
                "/api/providers/" + id, Map.of("name", "openai-test", "type", "OPENAI_COMPATIBLE", "apiKey", ""));
        assertThat(cleared.json().get("hasApiKey").asBoolean()).isFalse();

        String list = api.get("/api/providers").body();
        assertThat(list).contains("openai-test").contains("simulated").doesNotContain(SECRET);

        var other = Api.ofNewTenant(port);
        assertThat(other.get("/api/providers/" + id).status())
                .as("another tenant's provider")
                .isEqualTo(404);
        assertThat(other.get("/api/models/" + modelId).status()).isEqualTo(404);

        assertThat(api.delete("/api/providers/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/providers/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/models/" + modelId).status())
                .as("its models go with it")
                .isEqualTo(404);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        String simulated =
                api.get("/api/providers").json().get("content").get(0).get("id").asString();
        long before = count();
        assertField(
                api.post(
                        "/api/providers",
                        Map.of("name", "x", "type", "OPENAI_COMPATIBLE", "baseUrl", "ftp://example.com")),
                400,
                "baseUrl");
        assertField(
                api.post("/api/providers", Map.of("name", "x", "type", "OPENAI_COMPATIBLE", "baseUrl", "not a url")),
                400,
                "baseUrl");
        assertField(
                api.post(
                        "/api/providers",
                        Map.of("name", "x", "type", "OPENAI_COMPATIBLE", "baseUrl", "file:///etc/passwd")),
                400,
                "baseUrl");
        assertField(api.post("/api/providers", Map.of("name", "", "type", "OPENAI_COMPATIBLE")), 400, "name");
        assertField(api.post("/api/providers", Map.of("name", "x", "type", "TELEPATHY")), 400, "type");
        assertField(
                api.post(
                        "/api/providers", Map.of("name", "x", "type", "SIMULATED", "settings", Map.of("timeoutMs", 0))),
                400,
                "settings.timeoutMs");
        assertField(
                api.post(
                        "/api/providers",
                        Map.of("name", "x", "type", "SIMULATED", "settings", Map.of("simulatedFailureRate", 2))),
                400,
                "settings.simulatedFailureRate");
        var malformed = api.post("/api/providers", "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("type").asString()).isEqualTo("https://berrys.dev/problems/malformed-json");

        assertField(
                api.post(
                        "/api/models",
                        Map.of("providerId", java.util.UUID.randomUUID().toString(), "name", "m1")),
                400,
                "providerId");
        assertField(
                api.post(
                        "/api/models",
                        Map.of("providerId", simulated, "name", "m1", "capabilities", List.of("telepathy"))),
                400,
                "capabilities");
        assertField(api.post("/api/models", Map.of("providerId", simulated, "name", "auto")), 400, "name");
        assertField(
                api.post("/api/models", Map.of("providerId", simulated, "name", "m1", "inputPricePerMillion", -1)),
                400,
                "inputPricePerMillion");
        assertThat(api.post("/api/models", Map.of("providerId", simulated, "name", "berrys-simulated"))
                        .status())
                .as("a duplicate name")
                .isEqualTo(409);
        var viewer = api.send(
                "POST", "/api/providers", Map.of("name", "x", "type", "SIMULATED"), TestTokens.viewer(), Map.of());
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void noApiKeyAppearsInAnyResponseOrLogLineEvenWhenTheProviderRefusesIt(CapturedOutput output) {
        try (var upstream = FakeModelServer.openAi()) {
            upstream.always(Answers.status(401, null));
            var created = api.post(
                    "/api/providers",
                    Map.of(
                            "name",
                            "leaky",
                            "type",
                            "OPENAI_COMPATIBLE",
                            "baseUrl",
                            upstream.baseUrl(),
                            "apiKey",
                            SECRET,
                            "settings",
                            Map.of("maxRetries", 0)));
            assertThat(created.body()).doesNotContain(SECRET);
            String id = created.json().get("id").asString();
            api.post(
                    "/api/models",
                    Map.of("providerId", id, "name", "leaky-model", "capabilities", List.of("chat", "streaming")));
            var refused = api.post(
                    "/v1/chat/completions",
                    Map.of("model", "leaky-model", "messages", List.of(Map.of("role", "user", "content", "hi"))));
            assertThat(refused.status()).isEqualTo(503);
            var streamRefused = api.post(
                    "/v1/chat/completions",
                    Map.of(
                            "model",
                            "leaky-model",
                            "stream",
                            true,
                            "messages",
                            List.of(Map.of("role", "user", "content", "hi"))));
            assertThat(streamRefused.status()).isEqualTo(503);
            assertThat(upstream.requests()).isNotEmpty().allSatisfy(r -> assertThat(
                            r.headers().get("authorization"))
                    .isEqualTo("Bearer " + SECRET));
            for (var response : List.of(
                    refused,
                    streamRefused,
                    api.get("/api/providers/" + id),
                    api.get("/api/providers"),
                    api.get("/api/model-calls"),
                    api.get("/api/model-usage"),
                    api.get("/v1/models"))) {
                assertThat(response.body()).doesNotContain(SECRET).doesNotContain("VERY-SECRET");
            }
        }
        assertThat(output.getAll())
                .contains("leaky-model")
                .doesNotContain(SECRET)
                .doesNotContain("VERY-SECRET");
    }

    @Test
    void theSimulatedProvidersLatencyAndFailureRateAreSettings() {
        String id =
                api.get("/api/providers").json().get("content").get(0).get("id").asString();
        var slow = api.put(
                "/api/providers/" + id,
                Map.of("name", "simulated", "type", "SIMULATED", "settings", Map.of("simulatedLatencyMs", 300)));
        assertThat(slow.status()).isEqualTo(200);
        long start = System.nanoTime();
        var answer = api.post(
                "/v1/chat/completions",
                Map.of("model", "berrys-simulated", "messages", List.of(Map.of("role", "user", "content", "hi"))));
        assertThat(answer.status()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);

        api.put(
                "/api/providers/" + id,
                Map.of(
                        "name",
                        "simulated",
                        "type",
                        "SIMULATED",
                        "settings",
                        Map.of("simulatedLatencyMs", 0, "simulatedFailureRate", 1.0)));
        var failed = api.post(
                "/v1/chat/completions",
                Map.of("model", "berrys-simulated", "messages", List.of(Map.of("role", "user", "content", "hi"))));
        // the simulated failure stands for a model's failed answer: the work failed, not an outage
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().get("type").asString()).isEqualTo("https://berrys.dev/problems/model-call-failed");
        assertThat(failed.json().get("simulated").asBoolean()).isTrue();
        assertThat(failed.json().get("attempts").get(0).get("reason").asString())
                .contains("simulated failure");
        assertThat(failed.json().get("attempts").size())
                .as("tried again like a flaky answer: the first try and the model's two retries")
                .isGreaterThanOrEqualTo(3);
    }

    static void assertField(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.json().get("field").asString()).isEqualTo(field);
    }

    long count() {
        return jdbc.queryForObject("select (select count(*) from provider) + (select count(*) from model)", Long.class);
    }
}
