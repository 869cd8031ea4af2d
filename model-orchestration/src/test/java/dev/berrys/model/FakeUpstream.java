package dev.berrys.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local model server speaking OpenAI's chat completions or Anthropic's Messages wire format (JSON and
 * streamed), scripted per request: answer, 429 with Retry-After, 500, answer too slowly, malformed JSON.
 */
public final class FakeUpstream implements AutoCloseable {
    public enum Wire {
        OPENAI,
        ANTHROPIC
    }

    @FunctionalInterface
    public interface Behaviour {
        void respond(FakeUpstream fake, HttpExchange exchange, JsonNode body) throws IOException;
    }

    public record Recorded(String path, Map<String, String> headers, JsonNode body) {}

    static {
        // as real model servers do: each streamed event leaves at once, not after the previous one's ACK
        // (the JDK server's default leaves Nagle on, 40 ms per small event)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // and keep-alive connections are kept: the JDK server closes any past 200 idle ones, which a real
        // provider does not do to a thousand clients at once (Berrys copes either way: see RoutingIT)
        System.setProperty("sun.net.httpserver.maxIdleConnections", "4000");
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpServer server;
    private final Wire wire;
    private final ConcurrentLinkedDeque<Behaviour> script = new ConcurrentLinkedDeque<>();
    private volatile Behaviour otherwise = FakeUpstream::answer;
    public final List<Recorded> requests = new CopyOnWriteArrayList<>();
    public volatile String text = "fake answer";

    public FakeUpstream(Wire wire) {
        this.wire = wire;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL to configure: with {@code /v1} for OpenAI, without for Anthropic. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + (wire == Wire.OPENAI ? "/v1" : "");
    }

    public FakeUpstream then(Behaviour b) {
        script.add(b);
        return this;
    }

    public FakeUpstream always(Behaviour b) {
        script.clear();
        otherwise = b;
        return this;
    }

    public FakeUpstream healthy() {
        return always(FakeUpstream::answer);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] in = exchange.getRequestBody().readAllBytes();
            JsonNode body = JSON.readTree(new String(in, StandardCharsets.UTF_8));
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(
                            e -> e.getKey().toLowerCase(), e -> e.getValue().getFirst(), (a, b) -> a));
            requests.add(new Recorded(exchange.getRequestURI().getPath(), headers, body));
            Behaviour next = script.poll();
            (next == null ? otherwise : next).respond(this, exchange, body);
        }
    }

    // behaviours

    public static Behaviour status(int status, String retryAfter) {
        return (fake, ex, body) -> {
            if (retryAfter != null) {
                ex.getResponseHeaders().add("Retry-After", retryAfter);
            }
            byte[] error = "{\"error\":{\"message\":\"upstream says no\",\"type\":\"server_error\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, error.length);
            ex.getResponseBody().write(error);
        };
    }

    public static Behaviour slow(long millis) {
        return (fake, ex, body) -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(fake, ex, body);
        };
    }

    public static Behaviour malformed() {
        return (fake, ex, body) -> {
            byte[] bad = "{\"id\": \"chatcmpl-1\", \"choices\": [".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bad.length);
            ex.getResponseBody().write(bad);
        };
    }

    /** Closes the connection without answering, as a server does with a kept-alive connection it dropped. */
    public static Behaviour closeWithoutAnswer() {
        return (fake, ex, body) -> ex.getResponseBody().close();
    }

    /** OpenAI wire: a streamed answer whose first chunk comes at once, then silence for {@code millis}. */
    public static Behaviour stallAfterFirstChunk(long millis) {
        return (fake, ex, body) -> {
            var out = sse(ex);
            ObjectNode chunk = object().put("id", "chatcmpl-stall").put("object", "chat.completion.chunk");
            chunk.put("created", 0).put("model", body.path("model").asString());
            ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
            choice.putObject("delta").put("role", "assistant").put("content", "first words");
            event(out, null, chunk);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Anthropic's stream that starts (with a first text delta if {@code afterText}) and then goes silent. */
    public static Behaviour anthropicStall(boolean afterText, long millis) {
        return (fake, ex, body) -> AnthropicAnswers.stall(ex, afterText, millis);
    }

    /** Anthropic's stream of {@code parts} text deltas, {@code gapMillis} apart. */
    public static Behaviour anthropicTrickle(int parts, long gapMillis) {
        return (fake, ex, body) -> AnthropicAnswers.trickle(ex, parts, gapMillis);
    }

    /** Anthropic's stream that fails with an {@code error} event before any content. */
    public static Behaviour anthropicErrorEvent() {
        return (fake, ex, body) -> AnthropicAnswers.errorEvent(ex);
    }

    /** A refusal whose body quotes the credential the request carried, as some gateways do. */
    public static Behaviour refusalQuotingTheKey(int status) {
        return (fake, ex, body) -> {
            String key = ex.getRequestHeaders().getFirst("Authorization");
            if (key == null) {
                key = ex.getRequestHeaders().getFirst("X-Api-Key");
            }
            byte[] error = ("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                            + "\"message\":\"invalid credential: " + key + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, error.length);
            ex.getResponseBody().write(error);
        };
    }

    /** A well-formed answer: a tool call where tools are offered and none has answered, else {@link #text}. */
    public static void answer(FakeUpstream fake, HttpExchange ex, JsonNode body) throws IOException {
        boolean stream = body.path("stream").asBoolean(false);
        if (fake.wire == Wire.OPENAI) {
            OpenAiAnswers.answer(fake, ex, body, stream);
        } else {
            AnthropicAnswers.answer(fake, ex, body, stream);
        }
    }

    static boolean wantsTool(JsonNode body, String resultRole) {
        if (!body.path("tools").isArray() || body.path("tools").isEmpty()) {
            return false;
        }
        for (JsonNode m : body.path("messages")) {
            if (resultRole.equals(m.path("role").asString()) || m.toString().contains("tool_result")) {
                return false;
            }
        }
        return true;
    }

    static void json(HttpExchange ex, JsonNode node) throws IOException {
        byte[] out = JSON.writeValueAsBytes(node);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
    }

    static OutputStream sse(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        return ex.getResponseBody();
    }

    static void event(OutputStream out, String name, JsonNode data) throws IOException {
        String text = (name == null ? "" : "event: " + name + "\n") + "data: " + JSON.writeValueAsString(data) + "\n\n";
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }
}
