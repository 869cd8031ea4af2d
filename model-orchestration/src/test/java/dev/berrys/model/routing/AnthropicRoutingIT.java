package dev.berrys.model.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.model.Api;
import dev.berrys.model.ModelIT;
import dev.berrys.starter.test.model.Answers;
import dev.berrys.starter.test.model.FakeModelServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The Anthropic adapter (the official SDK) failing against a local fake Anthropic server: every failure
 * is one attempt of the router's, classified, recorded without the upstream's body or the key, and a
 * stalled stream times out instead of hanging.
 */
@ModelIT
@ExtendWith(OutputCaptureExtension.class)
class AnthropicRoutingIT {
    static final String KEY = "sk-ant-test-Anthropic-SECRET-5150";

    @LocalServerPort
    int port;

    Api api;
    FakeModelServer claude;
    FakeModelServer backup;

    @BeforeEach
    void setUp() {
        api = Api.ofNewTenant(port);
        claude = FakeModelServer.anthropic();
        backup = FakeModelServer.openAi();
        backup.text("answer from the backup");
        for (JsonNode p : api.get("/api/providers?size=100").json().get("content")) {
            if ("SIMULATED".equals(p.get("type").asString())) {
                api.put(
                        "/api/providers/" + p.get("id").asString(),
                        Map.of("name", "simulated", "type", "SIMULATED", "enabled", false));
            }
        }
    }

    @AfterEach
    void tearDown() {
        claude.close();
        backup.close();
    }

    @Test
    void a429IsRetriedNoSoonerThanTheRetryAfterAnthropicAsked() {
        claudeWithBackup(Map.of("maxRetries", 2));
        claude.then(Answers.status(429, "1"));

        long start = System.nanoTime();
        var response = chat(false);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(RoutingIT.content(response)).isEqualTo("fake answer");
        assertThat(millis).isGreaterThanOrEqualTo(1_000);
        assertThat(claude.requests()).as("the SDK itself does not retry").hasSize(2);
        assertThat(backup.requests()).isEmpty();
        assertThat(reasons(response))
                .containsExactly("fake-claude:FAILED:429 rate limited (Retry-After 1000 ms)", "fake-claude:SUCCEEDED:");
    }

    @Test
    void a500ATimeoutAndAMalformedAnswerFallBackAndTheRecordSaysWhyWithoutTheBody() {
        claudeWithBackup(Map.of("maxRetries", 0, "timeoutMs", 600));

        claude.always(Answers.status(500, null));
        var afterError = chat(false);
        assertThat(RoutingIT.content(afterError)).isEqualTo("answer from the backup");
        assertThat(reasons(afterError)).containsExactly("fake-claude:FAILED:500 server error", "backup-gpt:SUCCEEDED:");

        claude.always(Answers.slow(2_000));
        var afterTimeout = chat(false);
        assertThat(RoutingIT.content(afterTimeout)).isEqualTo("answer from the backup");
        assertThat(reasons(afterTimeout)).first().isEqualTo("fake-claude:FAILED:timeout after 600 ms");

        claude.always(Answers.malformed());
        var afterMalformed = chat(false);
        assertThat(RoutingIT.content(afterMalformed)).isEqualTo("answer from the backup");
        assertThat(reasons(afterMalformed)).first().asString().startsWith("fake-claude:FAILED:malformed");
        assertThat(api.get("/api/model-calls?size=50").body()).doesNotContain("upstream says no");
    }

    @Test
    void aStreamThatStallsTimesOutAndFallsBackOrEndsWithAnErrorButNeverHangs() {
        claudeWithBackup(Map.of("maxRetries", 0, "timeoutMs", 600));

        claude.always(Answers.anthropicStall(false, 5_000));
        long start = System.nanoTime();
        var beforeContent = chat(true);
        assertThat((System.nanoTime() - start) / 1_000_000)
                .as("the stall is noticed after the timeout, not when the upstream gives up")
                .isLessThan(4_000);
        assertThat(RoutingIT.streamedContent(beforeContent))
                .as("nothing was sent yet: another model may answer")
                .isEqualTo("answer from the backup");
        assertThat(reasons(beforeContent))
                .containsExactly("fake-claude:FAILED:timeout after 600 ms", "backup-gpt:SUCCEEDED:");

        claude.always(Answers.anthropicErrorEvent());
        var afterErrorEvent = chat(true);
        assertThat(RoutingIT.streamedContent(afterErrorEvent)).isEqualTo("answer from the backup");
        assertThat(reasons(afterErrorEvent)).first().isEqualTo("fake-claude:FAILED:error event in the stream");

        claude.always(Answers.anthropicStall(true, 5_000));
        start = System.nanoTime();
        var afterContent = chat(true);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
        assertThat(afterContent.status()).isEqualTo(200);
        assertThat(afterContent.body())
                .as("a started stream cannot change model: it ends with an error chunk")
                .contains("first words")
                .contains("timeout after 600 ms")
                .endsWith("data: [DONE]\n\n");
        assertThat(backup.requests()).hasSize(2);
    }

    @Test
    void aLongStreamThatKeepsSendingIsNotCutByTheTimeout() {
        claudeWithBackup(Map.of("maxRetries", 0, "timeoutMs", 700));
        claude.always(Answers.anthropicTrickle(6, 300));

        var response = chat(true);

        assertThat(RoutingIT.streamedContent(response)).isEqualTo("part0 part1 part2 part3 part4 part5 ");
        assertThat(reasons(response)).containsExactly("fake-claude:SUCCEEDED:");
        assertThat(backup.requests()).isEmpty();
    }

    @Test
    void noAnthropicKeyAppearsInAnyReasonResponseOrLogLineEvenWhenTheUpstreamQuotesIt(CapturedOutput output) {
        String provider = provider("leaky-anthropic", "ANTHROPIC", claude.baseUrl(), KEY, Map.of("maxRetries", 0));
        model(provider, "leaky-claude", "claude-upstream", 1.0);
        claude.always(Answers.refusalQuotingTheKey(401));

        var refused = api.post("/v1/chat/completions", request("leaky-claude", false));
        var streamRefused = api.post("/v1/chat/completions", request("leaky-claude", true));
        claude.always(Answers.refusalQuotingTheKey(500));
        var failed = api.post("/v1/chat/completions", request("leaky-claude", false));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(streamRefused.status()).isEqualTo(503);
        assertThat(failed.status()).isEqualTo(503);
        assertThat(refused.body()).contains("401 refused by the provider");
        assertThat(claude.requests())
                .as("the key did reach the upstream")
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.headers().get("authorization")).isEqualTo("Bearer " + KEY));
        for (var response : List.of(
                refused,
                streamRefused,
                failed,
                api.get("/api/providers/" + provider),
                api.get("/api/model-calls?size=50"),
                api.get("/api/model-usage"))) {
            assertThat(response.body())
                    .doesNotContain(KEY)
                    .doesNotContain("SECRET")
                    .doesNotContain("invalid credential");
        }
        assertThat(output.getAll())
                .contains("leaky-claude")
                .doesNotContain(KEY)
                .doesNotContain("Anthropic-SECRET")
                .doesNotContain("invalid credential");
    }

    // helpers

    void claudeWithBackup(Map<String, Object> settings) {
        Map<String, Object> primary = new HashMap<>(settings);
        primary.put("fallback", List.of("backup-gpt"));
        model(
                provider("fake-anthropic", "ANTHROPIC", claude.baseUrl(), KEY, primary),
                "fake-claude",
                "claude-upstream",
                5.0);
        model(
                provider("backup-openai", "OPENAI_COMPATIBLE", backup.baseUrl(), "sk-backup", Map.of()),
                "backup-gpt",
                "gpt-backup",
                1.0);
    }

    String provider(String name, String type, String baseUrl, String key, Map<String, Object> settings) {
        var response = api.post(
                "/api/providers",
                Map.of("name", name, "type", type, "baseUrl", baseUrl, "apiKey", key, "settings", settings));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    void model(String providerId, String name, String upstream, double outputPrice) {
        var response = api.post(
                "/api/models",
                Map.of(
                        "providerId", providerId,
                        "name", name,
                        "upstreamName", upstream,
                        "contextWindow", 16000,
                        "capabilities", List.of("chat", "tools", "json_schema", "streaming"),
                        "inputPricePerMillion", 0.5,
                        "outputPricePerMillion", outputPrice));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    Api.Response chat(boolean stream) {
        return api.post("/v1/chat/completions", request("fake-claude", stream));
    }

    static Map<String, Object> request(String model, boolean stream) {
        return Map.of(
                "model",
                model,
                "stream",
                stream,
                "messages",
                List.of(
                        Map.of("role", "system", "content", "Be brief."),
                        Map.of("role", "user", "content", "Say something.")));
    }

    /** The call's attempts as {@code model:outcome:reason}. */
    List<String> reasons(Api.Response response) {
        String callId = response.header("X-Berrys-Call-Id");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/model-calls?size=200").body().contains(callId));
        for (JsonNode call : api.get("/api/model-calls?size=200").json().get("content")) {
            if (call.get("id").asString().equals(callId)) {
                List<String> out = new ArrayList<>();
                call.get("attempts")
                        .forEach(a -> out.add(a.get("model").asString() + ":"
                                + a.get("outcome").asString() + ":"
                                + a.path("reason").asString("")));
                return out;
            }
        }
        throw new AssertionError("no call record " + callId);
    }
}
