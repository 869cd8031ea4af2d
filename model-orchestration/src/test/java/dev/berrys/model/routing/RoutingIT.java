package dev.berrys.model.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.model.Api;
import dev.berrys.model.ModelIT;
import dev.berrys.starter.test.model.Answers;
import dev.berrys.starter.test.model.FakeModelServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Real-provider routing against local fake OpenAI and Anthropic servers: retries, fallback, circuit, formats. */
@ModelIT
class RoutingIT {
    static final String KEY = "sk-test-Routing-SECRET-4711";

    @LocalServerPort
    int port;

    Api api;
    FakeModelServer openai;
    FakeModelServer backup;
    FakeModelServer anthropic;

    @BeforeEach
    void setUp() {
        api = Api.ofNewTenant(port);
        openai = FakeModelServer.openAi();
        backup = FakeModelServer.openAi();
        backup.text("answer from the backup");
        anthropic = FakeModelServer.anthropic();
    }

    @AfterEach
    void tearDown() {
        openai.close();
        backup.close();
        anthropic.close();
    }

    @Test
    void anOpenAiCompatibleProviderAnswersPlainStreamedAndWithToolCalls() {
        setUpPrimaryWithBackup(Map.of());

        var plain = chat("fake-gpt", false, false);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.header("X-Berrys-Simulated")).isNull();
        assertThat(content(plain)).isEqualTo("fake answer");
        assertThat(plain.json().get("model").asString()).isEqualTo("fake-gpt");
        assertThat(plain.json().get("usage").get("prompt_tokens").asLong()).isEqualTo(11);
        var seen = openai.requests().getLast();
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.headers().get("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(seen.body().get("model").asString()).isEqualTo("gpt-upstream");
        assertThat(seen.body().get("temperature").asDouble()).isEqualTo(0.2);

        var streamed = chat("fake-gpt", true, false);
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamedContent(streamed)).isEqualTo("fake answer");
        assertThat(openai.requests()
                        .getLast()
                        .body()
                        .get("stream_options")
                        .get("include_usage")
                        .asBoolean())
                .isTrue();

        var tool = chat("fake-gpt", false, true);
        JsonNode call = tool.json()
                .get("choices")
                .get(0)
                .get("message")
                .get("tool_calls")
                .get(0);
        assertThat(call.get("function").get("name").asString()).isEqualTo("calculator");
        assertThat(call.get("function").get("arguments").asString()).isEqualTo("{\"expression\":\"6*7\"}");
        var streamedTool = chat("fake-gpt", true, true);
        assertThat(streamedToolArguments(streamedTool)).isEqualTo("{\"expression\":\"6*7\"}");
    }

    @Test
    void anAnthropicProviderIsTranslatedBothWaysPlainStreamedToolsAndStructured() {
        String provider = provider("claude-fake", "ANTHROPIC", anthropic.baseUrl(), KEY, Map.of());
        model(provider, "fake-claude", "claude-upstream", List.of("chat", "tools", "json_schema", "streaming"));

        assertThat(content(chat("fake-claude", false, false))).isEqualTo("fake answer");
        var seen = anthropic.requests().getLast();
        assertThat(seen.path()).isEqualTo("/v1/messages");
        // as the official SDK authenticates and versions its requests
        assertThat(seen.headers().get("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(seen.headers().get("anthropic-version")).isNotBlank();
        assertThat(seen.headers().get("x-stainless-retry-count")).isEqualTo("0");
        assertThat(seen.body().get("system").asString()).isEqualTo("Be brief.");
        assertThat(seen.body().get("max_tokens").asInt()).isPositive();

        assertThat(streamedContent(chat("fake-claude", true, false))).isEqualTo("fake answer");

        var tool = chat("fake-claude", false, true);
        JsonNode choice = tool.json().get("choices").get(0);
        assertThat(choice.get("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(choice.get("message")
                        .get("tool_calls")
                        .get(0)
                        .get("function")
                        .get("name")
                        .asString())
                .isEqualTo("calculator");
        assertThat(anthropic
                        .requests()
                        .getLast()
                        .body()
                        .get("tools")
                        .get(0)
                        .get("input_schema")
                        .get("type")
                        .asString())
                .isEqualTo("object");
        assertThat(streamedToolArguments(chat("fake-claude", true, true))).isEqualTo("{\"expression\":\"6*7\"}");

        Map<String, Object> structured = new HashMap<>(request("fake-claude", false, false));
        structured.put(
                "response_format",
                Map.of(
                        "type",
                        "json_schema",
                        "json_schema",
                        Map.of(
                                "name",
                                "answer",
                                "schema",
                                Map.of(
                                        "type", "object",
                                        "properties", Map.of("answer", Map.of("type", "string")),
                                        "required", List.of("answer")))));
        var json = api.post("/v1/chat/completions", structured);
        assertThat(json.status()).isEqualTo(200);
        assertThat(Api.JSON.readTree(content(json)).get("answer").asString()).isEqualTo("fake answer");
        assertThat(anthropic
                        .requests()
                        .getLast()
                        .body()
                        .get("tool_choice")
                        .get("name")
                        .asString())
                .isEqualTo("structured_output");
    }

    @Test
    void a429IsRetriedAfterTheRetryAfterTheProviderAsked() {
        setUpPrimaryWithBackup(Map.of("maxRetries", 2));
        openai.then(Answers.status(429, "1"));

        long start = System.nanoTime();
        var response = chat("fake-gpt", false, false);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.status()).isEqualTo(200);
        assertThat(content(response)).isEqualTo("fake answer");
        assertThat(millis).isGreaterThanOrEqualTo(1_000);
        assertThat(openai.requests()).hasSize(2);
        assertThat(backup.requests()).isEmpty();
        List<JsonNode> attempts = attempts(response);
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("outcome").asString()).isEqualTo("FAILED");
        assertThat(attempts.get(0).get("reason").asString()).contains("429").contains("Retry-After 1000 ms");
        assertThat(attempts.get(1).get("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(attempts.get(1).get("model").asString()).isEqualTo("fake-gpt");
    }

    @Test
    void a500ATimeoutAndMalformedJsonFallBackAlongTheChainAndTheRecordSaysWhy() {
        setUpPrimaryWithBackup(Map.of("maxRetries", 1, "timeoutMs", 600, "circuitFailureRate", 100));

        openai.always(Answers.status(500, null));
        var afterErrors = chat("fake-gpt", false, false);
        assertThat(content(afterErrors)).isEqualTo("answer from the backup");
        assertThat(afterErrors.json().get("model").asString()).isEqualTo("backup-gpt");
        assertThat(openai.requests()).as("one retry before falling back").hasSize(2);
        assertThat(attempts(afterErrors))
                .extracting(a -> a.get("model").asString() + ":"
                        + a.get("outcome").asString() + ":" + a.path("reason").asString(""))
                .containsExactly(
                        "fake-gpt:FAILED:500 server error",
                        "fake-gpt:FAILED:500 server error",
                        "backup-gpt:SUCCEEDED:");

        openai.always(Answers.slow(2_000));
        var afterTimeout = chat("fake-gpt", false, false);
        assertThat(content(afterTimeout)).isEqualTo("answer from the backup");
        assertThat(attempts(afterTimeout).getFirst().get("reason").asString()).isEqualTo("timeout after 600 ms");

        // four failures opened the circuit; changed settings give the provider a fresh one
        api.put(
                "/api/providers/" + providerId("fake-openai"),
                Map.of(
                        "name",
                        "fake-openai",
                        "type",
                        "OPENAI_COMPATIBLE",
                        "baseUrl",
                        openai.baseUrl(),
                        "settings",
                        Map.of("maxRetries", 1, "timeoutMs", 601, "fallback", List.of("backup-gpt"))));
        openai.always(Answers.malformed());
        var afterMalformed = chat("fake-gpt", true, false);
        assertThat(streamedContent(afterMalformed)).isEqualTo("answer from the backup");
        var malformedPlain = chat("fake-gpt", false, false);
        assertThat(attempts(malformedPlain).getFirst().get("reason").asString()).contains("malformed");
        assertThat(attempts(malformedPlain))
                .as("malformed answers are not retried")
                .hasSize(2);
    }

    @Test
    void theCircuitOpensAfterFailuresSkipsTheProviderAndClosesAgainAfterAProbe() throws InterruptedException {
        setUpPrimaryWithBackup(Map.of("maxRetries", 0, "circuitOpenMs", 1_000));
        openai.always(Answers.status(503, null));
        for (int i = 0; i < 4; i++) {
            assertThat(content(chat("fake-gpt", false, false))).isEqualTo("answer from the backup");
        }
        int calls = openai.requests().size();

        var whileOpen = chat("fake-gpt", false, false);
        assertThat(content(whileOpen)).isEqualTo("answer from the backup");
        assertThat(openai.requests()).as("an open circuit sends nothing").hasSize(calls);
        assertThat(attempts(whileOpen).getFirst().get("outcome").asString()).isEqualTo("SKIPPED");
        assertThat(attempts(whileOpen).getFirst().get("reason").asString()).isEqualTo("circuit open");

        openai.healthy();
        Thread.sleep(1_100);
        var probe = chat("fake-gpt", false, false);
        assertThat(content(probe)).isEqualTo("fake answer");
        var closed = chat("fake-gpt", false, false);
        assertThat(content(closed)).isEqualTo("fake answer");
        assertThat(openai.requests()).hasSize(calls + 2);
    }

    @Test
    void autoPrefersTheCheapestCapableRealModelUnderThePriceCeiling() {
        setUpPrimaryWithBackup(Map.of());
        var cheap = api.post("/v1/chat/completions", request("auto", false, false), Map.of());
        assertThat(cheap.json().get("model").asString()).isEqualTo("backup-gpt");
        var capped = api.post(
                "/v1/chat/completions", request("auto", false, false), Map.of("X-Berrys-Max-Price-Per-Million", "0.5"));
        assertThat(capped.status()).isEqualTo(503);
        assertThat(capped.json().get("type").asString()).isEqualTo("https://berrys.dev/problems/no-provider-available");
    }

    // helpers

    @Test
    void aConnectionClosedBeforeTheAnswerIsTriedAgainAtOnceWithoutCountingAgainstTheProvider() {
        setUpPrimaryWithBackup(Map.of("maxRetries", 0, "circuitFailureRate", 100));
        for (int i = 0; i < 12; i++) {
            openai.then(Answers.dropped());
            var answer = chat("fake-gpt", i % 2 == 0, false);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.header("X-Berrys-Model"))
                    .as("the same model answers: a dropped connection is not the provider failing")
                    .isEqualTo("fake-gpt");
            assertThat(attempts(answer))
                    .extracting(a ->
                            a.get("outcome").asString() + ":" + a.path("reason").asString(""))
                    .containsExactly("FAILED:connection closed by the provider before it answered", "SUCCEEDED:");
        }
        assertThat(backup.requests()).as("the circuit never opened").isEmpty();
    }

    @Test
    void aStreamThatStallsAfterItsFirstChunkIsCutAtTheTimeoutAndSaysSo() {
        setUpPrimaryWithBackup(Map.of("maxRetries", 0, "timeoutMs", 700));
        openai.always(Answers.stallAfterFirstChunk(30_000));

        long start = System.nanoTime();
        var stalled = chat("fake-gpt", true, false);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis)
                .as("cut at the stall timeout, not after the upstream's 30 s")
                .isLessThan(15_000);
        assertThat(stalled.status()).isEqualTo(200);
        assertThat(stalled.body()).contains("first words").contains("\"error\"").endsWith("data: [DONE]\n\n");
        assertThat(stalled.body())
                .as("a started stream does not move to the backup")
                .doesNotContain("backup");
        assertThat(attempts(stalled))
                .extracting(a -> a.get("model").asString() + ":"
                        + a.get("outcome").asString() + ":" + a.path("reason").asString(""))
                .containsExactly("fake-gpt:FAILED:timeout after 700 ms");
    }

    void setUpPrimaryWithBackup(Map<String, Object> settings) {
        Map<String, Object> primarySettings = new HashMap<>(settings);
        primarySettings.put("fallback", List.of("backup-gpt"));
        String primary = provider("fake-openai", "OPENAI_COMPATIBLE", openai.baseUrl(), KEY, primarySettings);
        model(primary, "fake-gpt", "gpt-upstream", List.of("chat", "tools", "json_schema", "streaming"), 5.0);
        String second = provider("backup-openai", "OPENAI_COMPATIBLE", backup.baseUrl(), "sk-backup", Map.of());
        model(second, "backup-gpt", "gpt-backup", List.of("chat", "tools", "json_schema", "streaming"), 1.0);
        api.put(
                "/api/providers/" + simulatedProvider(),
                Map.of("name", "simulated", "type", "SIMULATED", "enabled", false));
    }

    String providerId(String name) {
        for (JsonNode p : api.get("/api/providers?size=100").json().get("content")) {
            if (name.equals(p.get("name").asString())) {
                return p.get("id").asString();
            }
        }
        throw new IllegalStateException("no provider " + name);
    }

    String simulatedProvider() {
        for (JsonNode p : api.get("/api/providers?size=100").json().get("content")) {
            if ("SIMULATED".equals(p.get("type").asString())) {
                return p.get("id").asString();
            }
        }
        throw new IllegalStateException("no simulated provider");
    }

    String provider(String name, String type, String baseUrl, String key, Map<String, Object> settings) {
        var response = api.post(
                "/api/providers",
                Map.of("name", name, "type", type, "baseUrl", baseUrl, "apiKey", key, "settings", settings));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    void model(String providerId, String name, String upstream, List<String> caps) {
        model(providerId, name, upstream, caps, 1.0);
    }

    void model(String providerId, String name, String upstream, List<String> caps, double outputPrice) {
        var response = api.post(
                "/api/models",
                Map.of(
                        "providerId", providerId,
                        "name", name,
                        "upstreamName", upstream,
                        "contextWindow", 16000,
                        "capabilities", caps,
                        "inputPricePerMillion", 0.5,
                        "outputPricePerMillion", outputPrice));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    Map<String, Object> request(String model, boolean stream, boolean tools) {
        Map<String, Object> body = new HashMap<>();
        body.put("model", model);
        body.put("stream", stream);
        body.put("temperature", 0.2);
        body.put(
                "messages",
                List.of(
                        Map.of("role", "system", "content", "Be brief."),
                        Map.of("role", "user", "content", "Say something.")));
        if (tools) {
            body.put(
                    "tools",
                    List.of(Map.of(
                            "type",
                            "function",
                            "function",
                            Map.of(
                                    "name", "calculator",
                                    "description", "arithmetic",
                                    "parameters",
                                            Map.of(
                                                    "type",
                                                    "object",
                                                    "properties",
                                                    Map.of("expression", Map.of("type", "string")))))));
        }
        return body;
    }

    Api.Response chat(String model, boolean stream, boolean tools) {
        return api.post("/v1/chat/completions", request(model, stream, tools));
    }

    List<JsonNode> attempts(Api.Response response) {
        String callId = response.header("X-Berrys-Call-Id");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> api.get("/api/model-calls?size=200").body().contains(callId));
        for (JsonNode call : api.get("/api/model-calls?size=200").json().get("content")) {
            if (call.get("id").asString().equals(callId)) {
                List<JsonNode> out = new ArrayList<>();
                call.get("attempts").forEach(out::add);
                return out;
            }
        }
        throw new AssertionError("no call record " + callId);
    }

    static String content(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json()
                .get("choices")
                .get(0)
                .get("message")
                .get("content")
                .asString();
    }

    static String streamedContent(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        StringBuilder out = new StringBuilder();
        for (JsonNode chunk : chunks(response)) {
            JsonNode delta = chunk.get("choices").get(0).get("delta");
            if (delta.has("content")) {
                out.append(delta.get("content").asString());
            }
        }
        return out.toString();
    }

    static String streamedToolArguments(Api.Response response) {
        StringBuilder out = new StringBuilder();
        for (JsonNode chunk : chunks(response)) {
            for (JsonNode call : chunk.get("choices").get(0).get("delta").path("tool_calls")) {
                out.append(call.get("function").path("arguments").asString(""));
            }
        }
        return out.toString();
    }

    static List<JsonNode> chunks(Api.Response response) {
        List<JsonNode> chunks = new ArrayList<>();
        String[] blocks = response.body().split("\n\n");
        assertThat(blocks[blocks.length - 1]).isEqualTo("data: [DONE]");
        for (String block : blocks) {
            String data = block.substring("data: ".length());
            if (!data.equals("[DONE]")) {
                JsonNode chunk = Api.JSON.readTree(data);
                if (!chunk.get("choices").isEmpty()) {
                    chunks.add(chunk);
                }
            }
        }
        return chunks;
    }
}
