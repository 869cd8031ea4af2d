package dev.berrys.agent.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * model-orchestration's {@code POST /v1/chat/completions} as a local server speaking OpenAI's wire format.
 * Each task (header {@code X-Berrys-Task-Id}) can have its own script; every request is recorded.
 */
public final class FakeModel {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the fake answers to the n-th call (1-based) for a task. */
    @FunctionalInterface
    public interface Script {
        Reply answer(JsonNode request, int call) throws InterruptedException;
    }

    public record Reply(int status, String body, long delayMs) {}

    public record Call(UUID taskId, Map<String, String> headers, JsonNode body) {
        /** The text of the message at {@code index} of the request. */
        public String message(int index) {
            return body.path("messages").path(index).path("content").asString("");
        }

        public JsonNode messages() {
            return body.path("messages");
        }

        public List<String> toolNames() {
            return body.path("tools")
                    .valueStream()
                    .map(t -> t.path("function").path("name").asString())
                    .toList();
        }
    }

    private final HttpServer server;
    private final Map<UUID, Script> scripts = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile long defaultDelayMs;

    private FakeModel() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    public static FakeModel start() {
        try {
            return new FakeModel();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void script(UUID taskId, Script script) {
        scripts.put(taskId, script);
    }

    public void defaultDelay(long ms) {
        defaultDelayMs = ms;
    }

    public List<Call> calls(UUID taskId) {
        return calls.stream().filter(c -> c.taskId().equals(taskId)).toList();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public void resetMaxInFlight() {
        maxInFlight.set(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            String task = headers.getOrDefault("x-berrys-task-id", "00000000-0000-0000-0000-000000000000");
            UUID taskId = UUID.fromString(task);
            calls.add(new Call(taskId, headers, body));
            int n = (int) calls.stream().filter(c -> c.taskId().equals(taskId)).count();
            Reply reply = scripts.getOrDefault(taskId, (r, c) -> answer("Done: " + lastUserText(r), 50, 10))
                    .answer(body, n);
            long delay = reply.delayMs() > 0 ? reply.delayMs() : defaultDelayMs;
            if (delay > 0) {
                Thread.sleep(delay);
            }
            if (reply.status() < 0) {
                return; // the connection is closed without an answer, as by a service that dies mid-call
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .add("Content-Type", reply.status() >= 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static String lastUserText(JsonNode request) {
        String text = request.path("messages").path(1).path("content").asString("");
        int i = text.indexOf("Your task: ");
        return i < 0
                ? "task"
                : text.substring(i + 11, text.indexOf('\n', i) < 0 ? text.length() : text.indexOf('\n', i));
    }

    /** A final answer (no tool call) with usage. */
    public static Reply answer(String content, long promptTokens, long completionTokens) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", content);
        return new Reply(200, completion(message, "stop", promptTokens, completionTokens), 0);
    }

    /** An answer that asks for one tool call. */
    public static Reply toolCall(
            String callId, String tool, String arguments, long promptTokens, long completionTokens) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putNull("content");
        ArrayNode calls = message.putArray("tool_calls");
        ObjectNode call = calls.addObject().put("id", callId).put("type", "function");
        call.putObject("function").put("name", tool).put("arguments", arguments);
        return new Reply(200, completion(message, "tool_calls", promptTokens, completionTokens), 0);
    }

    /** A ProblemDetail error, as model-orchestration answers one. */
    public static Reply problem(int status, String slug, String detail) {
        ObjectNode p = JSON.createObjectNode()
                .put("type", "https://berrys.dev/problems/" + slug)
                .put("title", "error")
                .put("status", status)
                .put("detail", detail);
        return new Reply(status, p.toString(), 0);
    }

    /** No answer: the connection is closed, as by a model-orchestration that is killed mid-call. */
    public static Reply dropped() {
        return new Reply(-1, "", 0);
    }

    public static Reply delayed(Reply reply, long ms) {
        return new Reply(reply.status(), reply.body(), ms);
    }

    private static String completion(ObjectNode message, String finish, long promptTokens, long completionTokens) {
        ObjectNode root = JSON.createObjectNode()
                .put("id", "chatcmpl-" + UUID.randomUUID())
                .put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", "fake-model-1");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finish);
        root.putObject("usage")
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return root.toString();
    }
}
