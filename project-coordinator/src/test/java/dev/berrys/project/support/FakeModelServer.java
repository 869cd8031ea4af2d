package dev.berrys.project.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * model-orchestration's {@code POST /v1/chat/completions} as the coordinator sees it: OpenAI's chat
 * completion JSON, scripted per project (the {@code X-Berrys-Project-Id} header): failures to answer
 * first, the model name, the simulated label. One per test JVM.
 */
public final class FakeModelServer {
    private static FakeModelServer instance;

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Deque<Integer>> failures = new ConcurrentHashMap<>();
    private final Map<String, String> models = new ConcurrentHashMap<>();
    private final Map<String, Boolean> simulated = new ConcurrentHashMap<>();
    private final Map<String, List<Recorded>> requests = new ConcurrentHashMap<>();

    /** A request as received: headers that matter and the JSON body. */
    public record Recorded(String authorization, String purpose, String idempotencyKey, JsonNode body) {}

    private FakeModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    public static synchronized FakeModelServer get() {
        if (instance == null) {
            try {
                instance = new FakeModelServer();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next calls for this project answer these statuses, in order, before one succeeds. */
    public void failFirst(Object projectId, Integer... statuses) {
        failures.computeIfAbsent(projectId.toString(), k -> new ArrayDeque<>()).addAll(List.of(statuses));
    }

    public void answerAs(Object projectId, String model, boolean labelledSimulated) {
        models.put(projectId.toString(), model);
        simulated.put(projectId.toString(), labelledSimulated);
    }

    public List<Recorded> requests(Object projectId) {
        return requests.getOrDefault(projectId.toString(), List.of());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            String project = exchange.getRequestHeaders().getFirst("X-Berrys-Project-Id");
            String key = project == null ? "none" : project;
            requests.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>())
                    .add(new Recorded(
                            String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                            String.valueOf(exchange.getRequestHeaders().getFirst("X-Berrys-Purpose")),
                            String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")),
                            body));
            Deque<Integer> failing = failures.get(key);
            Integer status = failing == null ? null : failing.poll();
            if (status != null) {
                respond(exchange, status, failure(status));
                return;
            }
            if (Boolean.TRUE.equals(simulated.get(key))) {
                exchange.getResponseHeaders().add("X-Berrys-Simulated", "true");
            }
            respond(exchange, 200, completion(models.getOrDefault(key, "gpt-fake-1"), body));
        }
    }

    private String failure(int status) {
        if (status == 402) {
            return """
                    {"type":"https://berrys.dev/problems/budget-exceeded","title":"Payment Required","status":402,\
                    "detail":"The project's budget is spent."}""";
        }
        return "{\"error\":{\"message\":\"upstream unavailable\",\"type\":\"server_error\"}}";
    }

    /** Quotes the goal and every task title it was given, as a synthesis would. */
    private String completion(String model, JsonNode request) {
        List<String> titles = new ArrayList<>();
        String goal = "";
        for (JsonNode message : request.path("messages")) {
            String content = message.path("content").asString("");
            if (content.startsWith("Goal: ")) {
                goal = content.substring(6);
            } else if (content.startsWith("Task \"")) {
                titles.add(content.substring(6, content.indexOf('"', 6)));
            }
        }
        String summary = "Result for '" + goal + "', drawing on: " + String.join("; ", titles) + ".";
        ObjectNode response = json.createObjectNode();
        response.put("id", "chatcmpl-fake");
        response.put("object", "chat.completion");
        response.put("created", System.currentTimeMillis() / 1000);
        response.put("model", model);
        ObjectNode choice = response.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", summary);
        choice.put("finish_reason", "stop");
        response.putObject("usage")
                .put("prompt_tokens", 100)
                .put("completion_tokens", 20)
                .put("total_tokens", 120);
        return response.toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .add("Content-Type", status == 402 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
