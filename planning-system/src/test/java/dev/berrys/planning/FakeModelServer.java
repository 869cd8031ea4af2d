package dev.berrys.planning;

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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * model-orchestration's {@code POST /v1/chat/completions} as the planner sees it, on a local port: answers
 * are scripted per project ({@code X-Berrys-Project-Id}); a project without a script gets a one-task plan.
 */
public final class FakeModelServer {
    public static final String ONE_TASK = """
            {"tasks":[{"key":"t1","title":"Do it","description":"Do the whole goal","role":"researcher","dependsOn":[]}]}""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A scripted answer: an HTTP status and, for 200, the message content. */
    public record Answer(int status, String content) {
        public static Answer plan(String content) {
            return new Answer(200, content);
        }

        public static Answer error(int status) {
            return new Answer(status, "");
        }
    }

    /** A call received: its headers of interest and its JSON body. */
    public record Call(String purpose, String projectId, String authorization, String idempotencyKey, JsonNode body) {
        public List<JsonNode> messages() {
            List<JsonNode> out = new ArrayList<>();
            body.get("messages").forEach(out::add);
            return out;
        }

        public String lastUserMessage() {
            List<JsonNode> m = messages();
            for (int i = m.size() - 1; i >= 0; i--) {
                if ("user".equals(m.get(i).get("role").asString())) {
                    return m.get(i).get("content").asString();
                }
            }
            return "";
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Call>> calls = new ConcurrentHashMap<>();

    public FakeModelServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers for the project's next calls, in order; the last one repeats. */
    public void script(Object projectId, Answer... answers) {
        scripts.put(projectId.toString(), new ArrayDeque<>(List.of(answers)));
    }

    public List<Call> calls(Object projectId) {
        return List.copyOf(calls.getOrDefault(projectId.toString(), List.of()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String project = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Berrys-Project-Id"))
                    .orElse("");
            calls.computeIfAbsent(project, p -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(new Call(
                            String.valueOf(exchange.getRequestHeaders().getFirst("X-Berrys-Purpose")),
                            project,
                            String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                            String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")),
                            body));
            Answer answer = next(project);
            byte[] out;
            if (answer.status() == 200) {
                out = JSON.writeValueAsBytes(completion(answer.content()));
            } else {
                out = ("{\"type\":\"https://berrys.dev/problems/unavailable\",\"title\":\"Unavailable\",\"status\":"
                                + answer.status() + ",\"detail\":\"scripted failure\"}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), out.length);
            exchange.getResponseBody().write(out);
        }
    }

    private Answer next(String project) {
        Deque<Answer> script = scripts.get(project);
        if (script == null || script.isEmpty()) {
            return Answer.plan(ONE_TASK);
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    private static ObjectNode completion(String content) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-test");
        root.put("object", "chat.completion");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", "fake-planner");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        choice.put("finish_reason", "stop");
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", 100);
        usage.put("completion_tokens", 50);
        usage.put("total_tokens", 150);
        return root;
    }
}
