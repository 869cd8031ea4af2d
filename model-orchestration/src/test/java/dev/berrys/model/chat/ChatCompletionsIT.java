package dev.berrys.model.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.contracts.api.BerrysHeaders;
import dev.berrys.contracts.api.PlanProposal;
import dev.berrys.model.Api;
import dev.berrys.model.ModelIT;
import dev.berrys.starter.test.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@ModelIT
class ChatCompletionsIT {
    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        // a tenant of its own: the default tenant may have the provider another context configured at start
        api = Api.ofNewTenant(port);
    }

    static Map<String, Object> planRequest(String goal, boolean stream) {
        return Map.of(
                "model",
                "auto",
                "stream",
                stream,
                "messages",
                List.of(
                        Map.of("role", "system", "content", "You plan."),
                        Map.of("role", "user", "content", "Goal: " + goal)),
                "response_format",
                Map.of(
                        "type",
                        "json_schema",
                        "json_schema",
                        Map.of("name", PlanProposal.SCHEMA_NAME, "schema", PlanProposal.SCHEMA, "strict", true)));
    }

    @Test
    void aPlanRequestIsAnsweredBySimulatedModelWithAValidPlanAndTokenCounts() {
        var response = api.post(
                "/v1/chat/completions",
                planRequest("research tea, research coffee and write a comparison", false),
                Map.of(BerrysHeaders.PURPOSE, "plan"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Berrys-Simulated")).isEqualTo("true");
        JsonNode body = response.json();
        assertThat(body.get("object").asString()).isEqualTo("chat.completion");
        assertThat(body.get("id").asString()).startsWith("chatcmpl-");
        assertThat(body.get("model").asString()).contains("simulated");
        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("finish_reason").asString()).isEqualTo("stop");
        assertThat(choice.get("message").get("role").asString()).isEqualTo("assistant");
        PlanProposal plan =
                Api.JSON.readValue(choice.get("message").get("content").asString(), PlanProposal.class);
        assertThat(plan.tasks()).hasSizeGreaterThanOrEqualTo(4);
        JsonNode usage = body.get("usage");
        assertThat(usage.get("prompt_tokens").asLong()).isPositive();
        assertThat(usage.get("completion_tokens").asLong())
                .isCloseTo(
                        choice.get("message").get("content").asString().length() / 4,
                        org.assertj.core.data.Offset.offset(3L));
        assertThat(usage.get("total_tokens").asLong())
                .isEqualTo(usage.get("prompt_tokens").asLong()
                        + usage.get("completion_tokens").asLong());
    }

    @Test
    void aStreamedAnswerIsOpenAiChunksEndingWithDoneAndSaysTheSameAsThePlainOne() {
        String goal = "survey solar panels; estimate the costs";
        String plain = api.post("/v1/chat/completions", planRequest(goal, false), Map.of(BerrysHeaders.PURPOSE, "plan"))
                .json()
                .get("choices")
                .get(0)
                .get("message")
                .get("content")
                .asString();

        var streamed = api.post("/v1/chat/completions", planRequest(goal, true), Map.of(BerrysHeaders.PURPOSE, "plan"));

        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.header("Content-Type")).startsWith("text/event-stream");
        assertThat(streamed.header("X-Berrys-Simulated")).isEqualTo("true");
        List<String> events = events(streamed.body());
        assertThat(events.getLast()).isEqualTo("[DONE]");
        StringBuilder content = new StringBuilder();
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream()
                .map(Api.JSON::readTree)
                .toList();
        assertThat(chunks.getFirst()
                        .get("choices")
                        .get(0)
                        .get("delta")
                        .get("role")
                        .asString())
                .isEqualTo("assistant");
        for (JsonNode chunk : chunks) {
            assertThat(chunk.get("object").asString()).isEqualTo("chat.completion.chunk");
            JsonNode delta = chunk.get("choices").get(0).get("delta");
            if (delta.has("content")) {
                content.append(delta.get("content").asString());
            }
        }
        assertThat(chunks.getLast().get("choices").get(0).get("finish_reason").asString())
                .isEqualTo("stop");
        assertThat(content.toString()).isEqualTo(plain);
    }

    @Test
    void aTaskThatNeedsAToolGetsAToolCallAndAfterTheResultAFinalAnswer() {
        Map<String, Object> tool = Map.of(
                "type",
                "function",
                "function",
                Map.of(
                        "name", "calculator",
                        "description", "evaluates arithmetic",
                        "parameters",
                                Map.of(
                                        "type", "object",
                                        "properties", Map.of("expression", Map.of("type", "string")),
                                        "required", List.of("expression"))));
        List<Object> messages = new ArrayList<>(List.of(
                Map.of("role", "system", "content", "You are a developer."),
                Map.of("role", "user", "content", "Task: Estimate the effort\nDescription: compute the hours")));
        var first = api.post(
                "/v1/chat/completions",
                Map.of("model", "berrys-simulated", "messages", messages, "tools", List.of(tool)),
                Map.of(BerrysHeaders.PURPOSE, "task"));
        assertThat(first.status()).isEqualTo(200);
        JsonNode choice = first.json().get("choices").get(0);
        assertThat(choice.get("finish_reason").asString()).isEqualTo("tool_calls");
        JsonNode call = choice.get("message").get("tool_calls").get(0);
        assertThat(call.get("function").get("name").asString()).isEqualTo("calculator");
        assertThat(Api.JSON
                        .readTree(call.get("function").get("arguments").asString())
                        .has("expression"))
                .isTrue();

        messages.add(Api.JSON.convertValue(choice.get("message"), Map.class));
        messages.add(Map.of("role", "tool", "tool_call_id", call.get("id").asString(), "content", "{\"value\":168}"));
        var second = api.post(
                "/v1/chat/completions",
                Map.of("model", "berrys-simulated", "messages", messages, "tools", List.of(tool)),
                Map.of(BerrysHeaders.PURPOSE, "task"));
        JsonNode answer = second.json().get("choices").get(0);
        assertThat(answer.get("finish_reason").asString()).isEqualTo("stop");
        assertThat(answer.get("message").get("content").asString())
                .contains("Estimate the effort")
                .contains("168");
    }

    @Test
    void modelsAreListedInOpenAisFormat() {
        var response = api.get("/v1/models");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("object").asString()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        response.json().get("data").forEach(m -> {
            assertThat(m.get("object").asString()).isEqualTo("model");
            ids.add(m.get("id").asString());
        });
        assertThat(ids).contains("auto", "berrys-simulated", "berrys-simulated-mini");
    }

    @Test
    void badRequestsAreRefusedNamingTheFieldAndNothingIsRecorded() {
        String tenant = "t-" + java.util.UUID.randomUUID();
        Api api = new Api(port, TestTokens.token("admin", tenant, "ADMIN"));
        long before = calls(tenant);
        var unknown = api.post(
                "/v1/chat/completions",
                Map.of("model", "no-such-model", "messages", List.of(Map.of("role", "user", "content", "hi"))));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asString()).isEqualTo("https://berrys.dev/problems/model-not-found");
        assertThat(unknown.json().get("field").asString()).isEqualTo("model");

        var empty = api.post("/v1/chat/completions", Map.of("model", "auto", "messages", List.of()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("field").asString()).isEqualTo("messages");

        var badTool = api.post(
                "/v1/chat/completions",
                Map.of(
                        "model", "auto",
                        "messages", List.of(Map.of("role", "user", "content", "hi")),
                        "tools",
                                List.of(Map.of(
                                        "type",
                                        "function",
                                        "function",
                                        Map.of("name", "x", "parameters", Map.of("type", "objekt"))))));
        assertThat(badTool.status()).isEqualTo(400);
        assertThat(badTool.json().get("field").asString()).isEqualTo("tools[0].function.parameters");

        var malformed = api.post("/v1/chat/completions", "{\"model\": \"auto\", \"messages\": [");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).contains("application/problem+json");

        var wrongType = api.post("/v1/chat/completions", Map.of("model", "auto", "messages", "hello"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("field").asString()).isEqualTo("messages");

        var noToken = api.send("POST", "/v1/chat/completions", Map.of("model", "auto"), null, Map.of());
        assertThat(noToken.status()).isEqualTo(401);
        var viewer = api.send(
                "POST",
                "/v1/chat/completions",
                Map.of("model", "auto", "messages", List.of(Map.of("role", "user", "content", "hi"))),
                TestTokens.viewer(),
                Map.of());
        assertThat(viewer.status()).isEqualTo(403);

        assertThat(calls(tenant)).isEqualTo(before);
    }

    @Test
    void aResponseFormatReferringToAnotherDocumentIsRefusedWithoutFetchingIt() throws Exception {
        List<String> hits = new java.util.concurrent.CopyOnWriteArrayList<>();
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hits.add(exchange.getRequestURI().toString());
            byte[] body = "{\"type\": \"string\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String tenant = "t-" + java.util.UUID.randomUUID();
            Api api = new Api(port, TestTokens.token("admin", tenant, "ADMIN"));
            String remote = "http://127.0.0.1:" + server.getAddress().getPort() + "/x";
            var response = api.post(
                    "/v1/chat/completions",
                    Map.of(
                            "model",
                            "auto",
                            "messages",
                            List.of(Map.of("role", "user", "content", "Goal: anything")),
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
                                                    "type",
                                                    "object",
                                                    "properties",
                                                    Map.of("a", Map.of("$ref", remote)))))));
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().get("field").asString()).isEqualTo("response_format.json_schema.schema");
            assertThat(calls(tenant)).isZero();
            assertThat(hits).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    long calls(String tenant) {
        return jdbc.queryForObject("select count(*) from model_call where tenant = ?", Long.class, tenant);
    }

    static List<String> events(String body) {
        List<String> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.startsWith("data: ")) {
                events.add(block.substring(6));
            }
        }
        return events;
    }
}
