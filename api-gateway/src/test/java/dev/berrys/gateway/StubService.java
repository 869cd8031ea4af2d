package dev.berrys.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A downstream service on a random port (JDK HttpServer): records every request it gets, answers
 * JSON, serves {@code /v3/api-docs}, and streams Server-Sent Events on {@code .../events}: one event,
 * then it waits until the test has seen that event before sending the second and closing, so that a
 * buffering proxy would make the test time out.
 */
public final class StubService {

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile CountDownLatch firstEventSeen = new CountDownLatch(1);

    private StubService(HttpServer server) {
        this.server = server;
    }

    public static StubService start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StubService stub = new StubService(server);
            server.createContext("/", stub::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request the stub received, waiting a little for it. */
    public Received take() throws InterruptedException {
        Received next = received.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the stub service received no request");
        }
        return next;
    }

    /** The next request the stub received within {@code millis}, or null: for proving none arrived. */
    public Received poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    public void clear() {
        received.clear();
        firstEventSeen = new CountDownLatch(1);
    }

    /** The test has the first event: let the stream go on. */
    public void firstEventSeen() {
        firstEventSeen.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/events")) {
                streamEvents(exchange);
            } else if (path.equals("/v3/api-docs")) {
                reply(exchange, "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"stub service\"}}");
            } else {
                reply(exchange, "{\"stub\":true,\"path\":\"" + path + "\"}");
            }
        }
    }

    private void streamEvents(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write("id: 1\nevent: project.started\ndata: {\"n\":1}\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
            firstEventSeen.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.write("id: 2\nevent: project.completed\ndata: {\"n\":2}\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A request as the downstream service saw it. */
    public record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }
}
