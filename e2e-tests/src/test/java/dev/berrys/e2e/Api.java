package dev.berrys.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small client of the gateway: JSON in, status and JSON out. Every answer is also kept in {@link #EXCHANGES},
 * so a suite can check all it was answered at once (no secret in any body, every 4xx a ProblemDetail).
 */
final class Api {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** One request and its answer, as recorded. */
    record Exchange(String method, String path, int status, Map<String, List<String>> headers, String body) {
        String contentType() {
            return headers.getOrDefault("content-type", List.of("")).getFirst();
        }

        @Override
        public String toString() {
            return method + " " + path + " -> " + status;
        }
    }

    /** Every answer received through this class, in order. */
    static final ConcurrentLinkedQueue<Exchange> EXCHANGES = new ConcurrentLinkedQueue<>();

    private final String base;
    private final @Nullable String token;
    private final HttpClient http;

    private Api(String base, @Nullable String token) {
        this(base, token, HTTP);
    }

    private Api(String base, @Nullable String token, HttpClient http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    /** A client whose connections come from {@code source} (any 127.0.0.0/8 address reaches the local gateway). */
    Api from(InetAddress source) {
        return new Api(
                base,
                token,
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .localAddress(source)
                        .build());
    }

    static Api anonymous() {
        return new Api(Stack.baseUrl(), null);
    }

    /** An anonymous client of the gateway at {@code base}. */
    static Api at(String base) {
        return new Api(base, null);
    }

    static Api admin() {
        return anonymous().signIn("admin", Stack.adminPassword());
    }

    Api signIn(String username, String password) {
        Response r = post(
                "/api/auth/token",
                JSON.createObjectNode().put("username", username).put("password", password));
        if (r.status() != 200) {
            throw new IllegalStateException("sign-in failed: " + r);
        }
        return new Api(base, r.json().path("access_token").asString(), http);
    }

    Api withToken(String other) {
        return new Api(base, other, http);
    }

    @Nullable
    String token() {
        return token;
    }

    record Response(int status, JsonNode json, String body, HttpResponse<String> raw, Exchange exchange) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response post(String path, @Nullable Object body) {
        return postRaw(path, body == null ? "" : JSON.writeValueAsString(body));
    }

    Response postRaw(String path, String body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response put(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Any method with an optional JSON body. */
    Response call(String method, String path, @Nullable String jsonBody) {
        var b = request(path);
        if (jsonBody == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        return send(b);
    }

    /** An open event stream (or the refusal to open one); close it to end the stream. */
    record Stream(int status, String contentType, InputStream body) implements AutoCloseable {
        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
    }

    /** A GET that does not wait for the body: for Server-Sent Events. A refusal's body is read and recorded. */
    Stream open(String path) {
        HttpRequest request =
                request(path).header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String type = r.headers().firstValue("content-type").orElse("");
            if (type.startsWith("text/event-stream")) {
                EXCHANGES.add(
                        new Exchange("GET", path, r.statusCode(), r.headers().map(), ""));
                return new Stream(r.statusCode(), type, r.body());
            }
            String body;
            try (InputStream in = r.body()) {
                body = new String(in.readNBytes(1 << 20), java.nio.charset.StandardCharsets.UTF_8);
            }
            EXCHANGES.add(new Exchange("GET", path, r.statusCode(), r.headers().map(), body));
            return new Stream(r.statusCode(), type, InputStream.nullInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response patch(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpRequest.Builder request(String path) {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Response send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            String path = request.uri().getRawPath()
                    + (request.uri().getRawQuery() == null
                            ? ""
                            : "?" + request.uri().getRawQuery());
            Exchange exchange = new Exchange(
                    request.method(), path, r.statusCode(), r.headers().map(), r.body());
            EXCHANGES.add(exchange);
            JsonNode json;
            try {
                json = r.body().isBlank() ? JSON.missingNode() : JSON.readTree(r.body());
            } catch (RuntimeException notJson) {
                json = JSON.missingNode();
            }
            return new Response(r.statusCode(), json, r.body(), r, exchange);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
