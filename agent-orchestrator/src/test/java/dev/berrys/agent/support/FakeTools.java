package dev.berrys.agent.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * tool-integration's {@code GET /api/tools} (a page of tool definitions) and
 * {@code POST /api/tools/{name}/execute} (a {@code ToolExecutionResult}). An execution whose arguments
 * contain {@code "fail": true} answers FAILED; {@code calculator} computes nothing but answers 42.
 */
public final class FakeTools {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Execution(String tool, JsonNode request) {}

    private final HttpServer server;
    private final List<Execution> executions = new CopyOnWriteArrayList<>();

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

    public List<Execution> executions(UUID executionId) {
        return executions.stream()
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
                executions.add(new Execution(tool, request));
                body = result(tool, request);
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
