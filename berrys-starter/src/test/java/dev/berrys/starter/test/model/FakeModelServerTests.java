package dev.berrys.starter.test.model;

import static dev.berrys.starter.test.model.Answers.computed;
import static dev.berrys.starter.test.model.Answers.problem;
import static dev.berrys.starter.test.model.Answers.status;
import static dev.berrys.starter.test.model.Answers.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fake model server answers as scripted, per key, in both wires, plain and streamed, and records every request. */
class FakeModelServerTests {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final FakeModelServer openAi = FakeModelServer.openAi();
    private final FakeModelServer anthropic = FakeModelServer.anthropic();

    @AfterEach
    void stop() {
        openAi.close();
        anthropic.close();
    }

    /** A chat call (OpenAI's or Anthropic's, by {@code url}) saying "hi", with {@code extra} fields in its body. */
    private HttpResponse<String> post(String url, Map<String, Object> extra, String... headers) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(extra);
        body.putIfAbsent("model", "m1");
        body.put("messages", List.of(Map.of("role", "user", "content", "hi")));
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> chat(String... headers) throws Exception {
        return post(openAi.baseUrl() + "/chat/completions", Map.of(), headers);
    }

    @Test
    void answersTheQueueInOrderThenTheFallbackAndRecordsEveryRequest() throws Exception {
        openAi.then(status(503), problem(402, "budget-exceeded", "spent")).text("plain text");

        assertThat(chat().statusCode()).isEqualTo(503);
        var problem = chat();
        assertThat(problem.statusCode()).isEqualTo(402);
        assertThat(JSON.readTree(problem.body()).path("type").asString()).endsWith("/budget-exceeded");
        JsonNode answer = JSON.readTree(chat("Idempotency-Key", "k1").body());
        assertThat(answer.at("/choices/0/message/content").asString()).isEqualTo("plain text");
        assertThat(answer.at("/usage/total_tokens").asLong()).isEqualTo(18);

        assertThat(openAi.requests()).hasSize(3);
        assertThat(openAi.requests().getLast().idempotencyKey()).isEqualTo("k1");
        assertThat(openAi.requests().getLast().lastUserMessage()).isEqualTo("hi");
        assertThat(openAi.requests().getLast().path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void aKeyedServerScriptsAndRecordsEachKeyApartTheLastScriptedAnswerRepeating() throws Exception {
        openAi.keyedBy("X-Berrys-Project-Id")
                .script("p1", status(500), text("p1's answer").usage(100, 50).model("fake-planner"))
                .always(computed(r -> text("call " + r.call() + " of " + r.key())));

        assertThat(chat("X-Berrys-Project-Id", "p1").statusCode()).isEqualTo(500);
        for (int i = 0; i < 2; i++) {
            JsonNode p1 = JSON.readTree(chat("X-Berrys-Project-Id", "p1").body());
            assertThat(p1.at("/choices/0/message/content").asString()).isEqualTo("p1's answer");
            assertThat(p1.at("/model").asString()).isEqualTo("fake-planner");
            assertThat(p1.at("/usage/prompt_tokens").asLong()).isEqualTo(100);
        }
        JsonNode p2 = JSON.readTree(chat("X-Berrys-Project-Id", "p2").body());
        assertThat(p2.at("/choices/0/message/content").asString()).isEqualTo("call 1 of p2");

        assertThat(openAi.requests("p1")).hasSize(3).extracting(Request::call).containsExactly(1, 2, 3);
        assertThat(openAi.requests("p2")).hasSize(1);
    }

    @Test
    void streamsInEitherWireWhenAsked() throws Exception {
        var stream = post(
                openAi.baseUrl() + "/chat/completions",
                Map.of("stream", true, "stream_options", Map.of("include_usage", true)));
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(stream.body()).startsWith("data: {").contains("\"usage\"").endsWith("data: [DONE]\n\n");

        anthropic.text("claude says");
        var messages = post(anthropic.baseUrl() + "/v1/messages", Map.of("model", "c1", "stream", true));
        assertThat(messages.body()).contains("event: message_start").contains("event: message_stop");
        var plain = post(anthropic.baseUrl() + "/v1/messages", Map.of("model", "c1"));
        assertThat(JSON.readTree(plain.body()).at("/content/0/text").asString()).isEqualTo("claude says");
    }

    @Test
    void offeredToolsAreCalledOnceThenAnsweredAndADroppedCallGetsNoResponse() throws Exception {
        var tools = List.of(Map.of("type", "function", "function", Map.of("name", "calculator")));
        JsonNode call = JSON.readTree(post(openAi.baseUrl() + "/chat/completions", Map.of("tools", tools))
                .body());
        assertThat(call.at("/choices/0/message/tool_calls/0/function/name").asString())
                .isEqualTo("calculator");
        assertThat(openAi.requests().getFirst().toolNames()).containsExactly("calculator");

        openAi.then(Answers.dropped());
        assertThatThrownBy(() -> chat()).isInstanceOf(IOException.class);
    }
}
