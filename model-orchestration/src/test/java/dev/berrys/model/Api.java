package dev.berrys.model;

import dev.berrys.starter.test.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the service under test: raw status, headers and body, with a bearer token. */
public final class Api {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final String token;

    public Api(int port) {
        this(port, TestTokens.admin());
    }

    public Api(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    /** An admin of a tenant of its own, so that a test's providers and models are its alone. */
    public static Api ofNewTenant(int port) {
        return new Api(port, TestTokens.token("admin", "t-" + java.util.UUID.randomUUID(), "ADMIN"));
    }

    public String token() {
        return token;
    }

    public record Response(int status, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String body() {
            return raw.body();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Response get(String path) {
        return send("GET", path, null, token, Map.of());
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, token, Map.of());
    }

    public Response post(String path, Object body, Map<String, String> headers) {
        return send("POST", path, body, token, headers);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body, token, Map.of());
    }

    public Response delete(String path) {
        return send("DELETE", path, null, token, Map.of());
    }

    public Response send(String method, String path, Object body, String token, Map<String, String> headers) {
        String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
