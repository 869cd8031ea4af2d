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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * With a real provider the simulated model stands in for it nowhere (the outage answer instead), costs nothing
 * where it is named, and models claim only what Berrys serves. The tenant keeps its seeded simulated provider
 * enabled throughout: what keeps it out is the router, not a switched-off provider.
 */
@ModelIT
class HonestRoutingIT {
    @LocalServerPort
    int port;

    Api api;
    FakeModelServer real;

    @BeforeEach
    void setUp() {
        api = Api.ofNewTenant(port);
        real = FakeModelServer.openAi();
    }

    @AfterEach
    void tearDown() {
        real.close();
    }

    @Test
    void withoutARealModelAutoIsAnsweredByTheSimulatedModelAsOutOfTheBox() {
        var answer = chat("auto");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("X-Berrys-Simulated")).isEqualTo("true");

        String provider = provider(Map.of("maxRetries", 0));
        model(provider, "real-gpt", List.of("chat"), 1.0);
        switchProvider(provider, false);
        var whileSwitchedOff = chat("auto");
        assertThat(whileSwitchedOff.header("X-Berrys-Simulated"))
                .as("a switched-off provider is no real model")
                .isEqualTo("true");
    }

    @Test
    void autoDoesNotFallBackToTheSimulatedModelWhenTheRealOneFailsButAnswersAsAnOutage() {
        model(provider(Map.of("maxRetries", 0)), "real-gpt", List.of("chat"), 1.0);
        assertThat(chat("auto").header("X-Berrys-Model")).isEqualTo("real-gpt");

        real.always(Answers.status(500, null));
        var failed = chat("auto");

        assertThat(failed.status()).as(failed.body()).isEqualTo(503);
        assertThat(failed.json().get("type").asString()).endsWith("/provider-unavailable");
        assertThat(failed.header("Retry-After"))
                .as("the caller's outage policy waits and sends it again")
                .isEqualTo("2");
        assertThat(failed.json().get("detail").asString()).contains("BERRYS_SIMULATED_FALLBACK");
        assertThat(failed.header("X-Berrys-Simulated")).isNull();
        assertThat(attempts(failed))
                .extracting(
                        a -> a.get("model").asString() + ":" + a.get("outcome").asString())
                .containsExactly("real-gpt:FAILED");

        var named = chat("berrys-simulated");
        assertThat(named.status())
                .as("a call naming the simulated model still gets it")
                .isEqualTo(200);
        assertThat(named.header("X-Berrys-Simulated")).isEqualTo("true");
    }

    @Test
    void aFallbackChainLeavesTheSimulatedModelOutAndAnOpenCircuitIsAnOutageToo() {
        String provider =
                provider(Map.of("maxRetries", 0, "circuitOpenMs", 60_000, "fallback", List.of("berrys-simulated")));
        model(provider, "real-gpt", List.of("chat"), 1.0);
        real.always(Answers.status(503, null));
        for (int i = 0; i < 4; i++) {
            var failed = chat("real-gpt");
            assertThat(failed.status()).as(failed.body()).isEqualTo(503);
            assertThat(failed.header("X-Berrys-Simulated")).isNull();
        }
        int sent = real.requests().size();

        var whileOpen = chat("auto");

        assertThat(whileOpen.status()).isEqualTo(503);
        assertThat(whileOpen.header("Retry-After")).isEqualTo("2");
        assertThat(real.requests()).as("an open circuit sends nothing").hasSize(sent);
        assertThat(attempts(whileOpen))
                .extracting(a -> a.get("model").asString() + ":"
                        + a.get("outcome").asString() + ":" + a.get("reason").asString())
                .containsExactly("real-gpt:SKIPPED:circuit open");
    }

    @Test
    void theSimulatedModelsFailureIsAnyModelsFailedAnswerToTheRouterAndItsAnswersCostNothing() {
        String real = provider(Map.of());
        model(real, "real-gpt", List.of("chat"), 1.0);
        String simulated = simulatedProvider();
        assertThat(api.put(
                                "/api/providers/" + simulated,
                                Map.of(
                                        "name",
                                        "simulated",
                                        "type",
                                        "SIMULATED",
                                        "settings",
                                        Map.of(
                                                "simulatedLatencyMs",
                                                0,
                                                "simulatedFailureRate",
                                                1.0,
                                                "maxRetries",
                                                1,
                                                "fallback",
                                                List.of("real-gpt"))))
                        .status())
                .isEqualTo(200);

        var answered = chat("berrys-simulated");

        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.header("X-Berrys-Model")).isEqualTo("real-gpt");
        assertThat(attempts(answered))
                .as("tried again like any failed answer, then the next model of the chain")
                .extracting(
                        a -> a.get("model").asString() + ":" + a.get("outcome").asString())
                .containsExactly("berrys-simulated:FAILED", "berrys-simulated:FAILED", "real-gpt:SUCCEEDED");

        api.put(
                "/api/providers/" + simulated,
                Map.of("name", "simulated", "type", "SIMULATED", "settings", Map.of("simulatedLatencyMs", 0)));
        var free = chat("berrys-simulated");
        assertThat(free.header("X-Berrys-Simulated")).isEqualTo("true");
        assertThat(call(free).get("costUsd").decimalValue()).isZero();
        assertThat(call(free).get("inputTokens").asLong()).isPositive();
        var paid = chat("real-gpt");
        assertThat(call(paid).get("costUsd").decimalValue()).isPositive();
    }

    @Test
    void imagesReachAnOpenAiCompatibleVisionModelAndOnlyAVisionModelIsChosenForThem() {
        String provider = provider(Map.of());
        model(provider, "plain-gpt", List.of("chat"), 1.0);
        model(provider, "eye-gpt", List.of("chat", "vision"), 5.0);

        assertThat(chat("auto").header("X-Berrys-Model")).as("the cheapest").isEqualTo("plain-gpt");

        Map<String, Object> body = new HashMap<>();
        body.put("model", "auto");
        body.put(
                "messages",
                List.of(Map.of(
                        "role",
                        "user",
                        "content",
                        List.of(
                                Map.of("type", "text", "text", "What is in this picture?"),
                                Map.of(
                                        "type",
                                        "image_url",
                                        "image_url",
                                        Map.of("url", "data:image/png;base64,iVBORw0KGgo="))))));
        var seen = api.post("/v1/chat/completions", body);

        assertThat(seen.status()).as(seen.body()).isEqualTo(200);
        assertThat(seen.header("X-Berrys-Model")).isEqualTo("eye-gpt");
        JsonNode sent = real.requests().getLast().body().get("messages").get(0).get("content");
        assertThat(sent.get(1).get("type").asString()).isEqualTo("image_url");
        assertThat(sent.get(1).get("image_url").get("url").asString()).isEqualTo("data:image/png;base64,iVBORw0KGgo=");
    }

    @Test
    void modelsClaimOnlyWhatBerrysServesAndSimulatedModelsHaveNoPrice() {
        String simulated = simulatedProvider();
        for (JsonNode m : api.get("/api/models?size=100").json().get("content")) {
            assertThat(m.get("inputPricePerMillion").decimalValue()).isZero();
            assertThat(m.get("outputPricePerMillion").decimalValue()).isZero();
            assertThat(m.get("capabilities").toString()).doesNotContain("vision");
        }
        assertBad(
                api.post(
                        "/api/models",
                        Map.of("providerId", simulated, "name", "sim-eye", "capabilities", List.of("chat", "vision"))),
                "capabilities");
        assertBad(
                api.post(
                        "/api/models",
                        Map.of("providerId", simulated, "name", "sim-emb", "capabilities", List.of("embeddings"))),
                "capabilities");
        assertBad(
                api.post(
                        "/api/models", Map.of("providerId", simulated, "name", "sim-paid", "outputPricePerMillion", 2)),
                "outputPricePerMillion");
        var anthropic = api.post(
                "/api/providers",
                Map.of("name", "claude", "type", "ANTHROPIC", "baseUrl", "http://127.0.0.1:9", "apiKey", "sk-a"));
        assertThat(anthropic.status()).as(anthropic.body()).isEqualTo(201);
        assertBad(
                api.post(
                        "/api/models",
                        Map.of(
                                "providerId",
                                anthropic.json().get("id").asString(),
                                "name",
                                "claude-eye",
                                "capabilities",
                                List.of("chat", "vision"))),
                "capabilities");
        assertBad(
                api.post("/api/routing-policies", Map.of("taskType", "embed", "capabilities", List.of("embeddings"))),
                "capabilities");
    }

    // helpers

    static void assertBad(Api.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo(field);
    }

    String provider(Map<String, Object> settings) {
        var response = api.post(
                "/api/providers",
                Map.of(
                        "name", "real",
                        "type", "OPENAI_COMPATIBLE",
                        "baseUrl", real.baseUrl(),
                        "apiKey", "sk-real",
                        "settings", settings));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    void switchProvider(String id, boolean enabled) {
        var response = api.put(
                "/api/providers/" + id, Map.of("name", "real", "type", "OPENAI_COMPATIBLE", "enabled", enabled));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    void model(String providerId, String name, List<String> caps, double outputPrice) {
        var response = api.post(
                "/api/models",
                Map.of(
                        "providerId", providerId,
                        "name", name,
                        "capabilities", caps,
                        "inputPricePerMillion", 0.5,
                        "outputPricePerMillion", outputPrice));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    String simulatedProvider() {
        for (JsonNode p : api.get("/api/providers?size=100").json().get("content")) {
            if ("SIMULATED".equals(p.get("type").asString())) {
                return p.get("id").asString();
            }
        }
        throw new IllegalStateException("no simulated provider");
    }

    Api.Response chat(String model) {
        return api.post(
                "/v1/chat/completions",
                Map.of("model", model, "messages", List.of(Map.of("role", "user", "content", "Say something."))));
    }

    /** The call's record in {@code /api/model-calls}, once it is there. */
    JsonNode call(Api.Response response) {
        String callId = response.header("X-Berrys-Call-Id");
        Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> api.get("/api/model-calls?size=200").body().contains(callId));
        for (JsonNode call : api.get("/api/model-calls?size=200").json().get("content")) {
            if (call.get("id").asString().equals(callId)) {
                return call;
            }
        }
        throw new AssertionError("no call record " + callId);
    }

    List<JsonNode> attempts(Api.Response response) {
        List<JsonNode> out = new ArrayList<>();
        call(response).get("attempts").forEach(out::add);
        return out;
    }
}
