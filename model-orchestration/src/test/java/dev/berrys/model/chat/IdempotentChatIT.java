package dev.berrys.model.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.model.Api;
import dev.berrys.model.ModelIT;
import dev.berrys.starter.test.model.Answers;
import dev.berrys.starter.test.model.FakeModelServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A chat call with an {@code Idempotency-Key}, plain or streamed, is made once per key and tenant: the
 * repeated key (a caller's retry after a lost answer, an execution resumed after a crash) gets the first
 * answer byte for byte (a stream as the events it sent), with no second upstream call, no second record and
 * no second charge.
 */
@ModelIT
class IdempotentChatIT {
    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    FakeModelServer upstream;

    @BeforeEach
    void setUp() {
        upstream = FakeModelServer.openAi();
    }

    @AfterEach
    void tearDown() {
        upstream.close();
    }

    /** A tenant of its own whose one model is served by the fake upstream (retries off, simulated off). */
    private Api tenant() {
        Api api = Api.ofNewTenant(port);
        for (var p : api.get("/api/providers?size=100").json().get("content")) {
            if ("SIMULATED".equals(p.get("type").asString())) {
                api.put(
                        "/api/providers/" + p.get("id").asString(),
                        Map.of("name", "simulated", "type", "SIMULATED", "enabled", false));
            }
        }
        var provider = api.post(
                "/api/providers",
                Map.of(
                        "name", "fake",
                        "type", "OPENAI_COMPATIBLE",
                        "baseUrl", upstream.baseUrl(),
                        "apiKey", "sk-idem-test",
                        "settings", Map.of("maxRetries", 0)));
        assertThat(provider.status()).as(provider.body()).isEqualTo(201);
        var model = api.post(
                "/api/models",
                Map.of(
                        "providerId",
                        provider.json().get("id").asString(),
                        "name",
                        "fake-gpt",
                        "upstreamName",
                        "gpt-upstream",
                        "contextWindow",
                        16000,
                        "capabilities",
                        List.of("chat", "tools"),
                        "inputPricePerMillion",
                        1.0,
                        "outputPricePerMillion",
                        2.0));
        assertThat(model.status()).as(model.body()).isEqualTo(201);
        return api;
    }

    private static Api.Response chat(Api api, UUID project, String key) {
        return call(api, project, key, false);
    }

    private static Api.Response stream(Api api, UUID project, @Nullable String key) {
        return call(api, project, key, true);
    }

    /** The project's chat call, streamed (with usage) or not, under {@code key}, or without a key when null. */
    private static Api.Response call(Api api, UUID project, @Nullable String key, boolean streamed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", "fake-gpt");
        body.put("messages", List.of(Map.of("role", "user", "content", "Say something.")));
        if (streamed) {
            body.put("stream", true);
            body.put("stream_options", Map.of("include_usage", true));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Berrys-Project-Id", project.toString());
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        return api.post("/v1/chat/completions", body, headers);
    }

    private long recorded(UUID project) {
        return jdbc.queryForObject("select count(*) from model_call where project_id = ?", Long.class, project);
    }

    private long succeeded(UUID project) {
        return jdbc.queryForObject(
                "select count(*) from model_call where project_id = ? and outcome = 'SUCCEEDED'", Long.class, project);
    }

    @Test
    void theSameKeyTwiceMakesOneUpstreamCallOneRecordAndAnswersIdentically() throws InterruptedException {
        Api api = tenant();
        UUID project = UUID.randomUUID();
        String key = "execution:" + UUID.randomUUID() + ":step:1";

        var first = chat(api, project, key);
        var second = chat(api, project, key);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("X-Berrys-Call-Id")).isEqualTo(first.header("X-Berrys-Call-Id"));
        assertThat(second.header("X-Berrys-Model")).isEqualTo("fake-gpt");
        assertThat(upstream.requests()).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorded(project) == 1);
        Thread.sleep(300); // an account of the repeat would land by now
        assertThat(recorded(project)).isEqualTo(1);
        var usage = api.get("/api/model-usage?projectId=" + project).json();
        assertThat(usage.get("calls").asLong()).isEqualTo(1);

        // another key is another call
        chat(api, project, key + "-next");
        assertThat(upstream.requests()).hasSize(2);
    }

    @Test
    void anotherTenantsSameKeyIsIndependent() {
        Api ours = tenant();
        Api theirs = tenant();
        String key = "execution:" + UUID.randomUUID() + ":step:1";

        var a = chat(ours, UUID.randomUUID(), key);
        var b = chat(theirs, UUID.randomUUID(), key);

        assertThat(a.status()).isEqualTo(200);
        assertThat(b.status()).isEqualTo(200);
        assertThat(b.header("X-Berrys-Call-Id")).isNotEqualTo(a.header("X-Berrys-Call-Id"));
        assertThat(upstream.requests()).hasSize(2);
    }

    @Test
    void aCallThatGotNoAnswerLetsTheKeyGoSoThatItsRetryIsMade() {
        Api api = tenant();
        UUID project = UUID.randomUUID();
        String key = "execution:" + UUID.randomUUID() + ":step:3";
        upstream.then(Answers.status(500, null));

        var failed = chat(api, project, key);
        var retried = chat(api, project, key);

        assertThat(failed.status()).isEqualTo(503);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(upstream.requests()).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> succeeded(project) == 1);
    }

    @Test
    void aDuplicateSentWhileTheFirstIsAnsweredWaitsForThatAnswer() throws Exception {
        Api api = tenant();
        UUID project = UUID.randomUUID();
        String key = "execution:" + UUID.randomUUID() + ":step:5";
        upstream.then(Answers.slow(1_500));

        var first = CompletableFuture.supplyAsync(() -> chat(api, project, key));
        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.requests().size() == 1);
        var duplicate = CompletableFuture.supplyAsync(() -> chat(api, project, key));

        var a = first.get(20, TimeUnit.SECONDS);
        var b = duplicate.get(20, TimeUnit.SECONDS);
        assertThat(a.status()).isEqualTo(200);
        assertThat(b.body()).isEqualTo(a.body());
        assertThat(upstream.requests()).hasSize(1);
    }

    @Test
    void aStreamedCallRepeatedUnderItsKeyGetsTheSameStreamWithoutASecondCall() throws InterruptedException {
        Api api = tenant();
        UUID project = UUID.randomUUID();
        String key = "execution:" + UUID.randomUUID() + ":step:7";

        var first = stream(api, project, key);
        var second = stream(api, project, key);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.header("Content-Type")).startsWith("text/event-stream");
        assertThat(first.body())
                .startsWith("data: {")
                .endsWith("data: [DONE]\n\n")
                .contains("\"usage\"");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("Content-Type")).startsWith("text/event-stream");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("X-Berrys-Call-Id")).isEqualTo(first.header("X-Berrys-Call-Id"));
        assertThat(second.header("X-Berrys-Model")).isEqualTo("fake-gpt");
        assertThat(upstream.requests()).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorded(project) == 1);
        Thread.sleep(300); // an account of the repeat would land by now
        assertThat(recorded(project)).isEqualTo(1);

        // a streamed key asked for a plain answer (or the reverse) is another call under a used key
        var plain = chat(api, project, key);
        assertThat(plain.status()).isEqualTo(422);
        assertThat(plain.json().get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(plain.json().get("type").asString()).endsWith("/idempotency-key-reused");
        assertThat(upstream.requests()).hasSize(1);

        // without a key every stream is a call of its own
        stream(api, project, null);
        assertThat(upstream.requests()).hasSize(2);
    }

    @Test
    void aStreamThatFailedBeforeItsAnswerLetsTheKeyGo() {
        Api api = tenant();
        UUID project = UUID.randomUUID();
        String key = "execution:" + UUID.randomUUID() + ":step:8";
        upstream.then(Answers.status(500, null));

        var failed = stream(api, project, key);
        var retried = stream(api, project, key);

        assertThat(failed.status()).isEqualTo(503);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.body()).endsWith("data: [DONE]\n\n");
        assertThat(upstream.requests()).hasSize(2);
    }

    @Test
    void aMalformedKeyIsA400NamingTheHeaderAndNothingIsCalledOrRecorded() {
        Api api = tenant();
        UUID project = UUID.randomUUID();

        var bad = chat(api, project, "two words");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(upstream.requests()).isEmpty();
        assertThat(recorded(project)).isZero();
    }
}
