package dev.berrys.starter.test.model;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The response an {@link FakeModelServer.Answer} writes: to the request it answers, on the server that got it. */
public final class Reply {
    private final FakeModelServer server;
    private final HttpExchange exchange;
    private final Request request;

    Reply(FakeModelServer server, HttpExchange exchange, Request request) {
        this.server = server;
        this.exchange = exchange;
        this.request = request;
    }

    public Request request() {
        return request;
    }

    public FakeModelServer server() {
        return server;
    }

    /** The JDK exchange itself, for an answer none of the methods here can write. */
    public HttpExchange exchange() {
        return exchange;
    }

    public Reply header(String name, String value) {
        exchange.getResponseHeaders().add(name, value);
        return this;
    }

    /** A whole response: {@code status}, {@code contentType} and {@code body}. */
    public void send(int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    public void json(int status, JsonNode body) throws IOException {
        send(status, "application/json", FakeModelServer.JSON.writeValueAsString(body));
    }

    /** Starts a 200 {@code text/event-stream}: write its events with {@link #event}. */
    public OutputStream sse() throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    /** One server-sent event, named (Anthropic) or not (OpenAI), sent at once. */
    public void event(OutputStream out, @Nullable String name, JsonNode data) throws IOException {
        String text = (name == null ? "" : "event: " + name + "\n") + "data: "
                + FakeModelServer.JSON.writeValueAsString(data) + "\n\n";
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Closes the connection without a response (the JDK server closes it when no headers were sent). */
    public void drop() {
        exchange.close();
    }
}
