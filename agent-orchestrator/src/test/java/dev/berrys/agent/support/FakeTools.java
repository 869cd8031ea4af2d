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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * tool-integration's {@code GET /api/tools} (a page of tool definitions) and
 * {@code POST /api/tools/{name}/execute} (a {@code ToolExecutionResult}). An execution whose arguments
 * contain {@code "fail": true} answers FAILED; {@code calculator} computes nothing but answers 42. As the
 * real service does, a repeated {@code Idempotency-Key} is answered with the first answer and the tool does
 * not run again: {@link #executions} are the runs, {@link #requests} every request.
 */
public final class FakeTools {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Execution(
            String tool, JsonNode request, @Nullable String idempotencyKey) {}

    private final HttpServer server;
    private final List<Execution> executions = new CopyOnWriteArrayList<>();
    private final List<Execution> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

    private FakeTools() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/tools", this::handle);
        server.start();
    }

    public static FakeTools start() {
        try {
            return new FakeTools();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The tool runs of an execution: requests whose key was new (or that had none). */
    public List<Execution> executions(UUID executionId) {
        return of(executions, executionId);
    }

    /** Every execution request of an execution, repeated keys included. */
    public List<Execution> requests(UUID executionId) {
        return of(requests, executionId);
    }

    /**
     * Holds the answer of the next run for an execution until {@code release} opens (at most 30 s): the tool
     * has run, but its caller has no answer yet, so a test can stop the caller in between.
     */
    public void holdAnswers(UUID executionId, CountDownLatch release) {
        holds.put(executionId.toString(), release);
    }

    private static List<Execution> of(List<Execution> list, UUID executionId) {
        return list.stream()
                .filter(e -> e.request().path("executionId").asString("").equals(executionId.toString()))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body;
            if ("GET".equals(exchange.getRequestMethod()) && path.equals("/api/tools")) {
                body = catalog();
            } else if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/execute")) {
                String tool = path.substring("/api/tools/".length(), path.length() - "/execute".length());
                JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                var execution = new Execution(tool, request, key);
                requests.add(execution);
                if (key == null) {
                    executions.add(execution);
                    body = result(tool, request);
                } else {
                    body = answers.computeIfAbsent(key, k -> {
                        executions.add(execution);
                        return result(tool, request);
                    });
                }
                CountDownLatch hold = holds.remove(request.path("executionId").asString(""));
                if (hold != null) {
                    awaitQuietly(hold);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String result(String tool, JsonNode request) {
        ObjectNode r = JSON.createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("tool", tool)
                .put("durationMs", 3);
        if (request.path("arguments").path("fail").asBoolean(false)) {
            r.put("status", "FAILED").put("error", "boom: the tool broke");
        } else if (tool.equals("calculator")) {
            r.put("status", "SUCCEEDED").putObject("result").put("value", 42);
        } else {
            r.put("status", "SUCCEEDED").put("result", tool + " done");
        }
        return r.toString();
    }

    private static String catalog() {
        var content = JSON.createArrayNode();
        for (String name : List.of("calculator", "http_get", "workspace_write", "workspace_read", "disabled_tool")) {
            ObjectNode t = content.addObject()
                    .put("name", name)
                    .put("description", "The " + name + " tool")
                    .put("enabled", !name.equals("disabled_tool"));
            ObjectNode params = t.putObject("parameters").put("type", "object");
            params.putObject("properties").putObject("input").put("type", "string");
        }
        ObjectNode page = JSON.createObjectNode();
        page.set("content", content);
        page.put("page", 0).put("size", 500).put("totalElements", 5).put("totalPages", 1);
        return page.toString();
    }
}
