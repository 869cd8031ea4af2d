package dev.berrys.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small client of the gateway: JSON in, status and JSON out. */
final class Api {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String base;
    private final @Nullable String token;

    private Api(String base, @Nullable String token) {
        this.base = base;
        this.token = token;
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
        return new Api(base, r.json().path("access_token").asString());
    }

    Api withToken(String other) {
        return new Api(base, other);
    }

    @Nullable
    String token() {
        return token;
    }

    record Response(int status, JsonNode json, String body, HttpResponse<String> raw) {
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

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = r.body().isBlank() ? JSON.missingNode() : JSON.readTree(r.body());
            } catch (RuntimeException notJson) {
                json = JSON.missingNode();
            }
            return new Response(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
