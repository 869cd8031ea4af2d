package dev.berrys.model.upstream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP under the adapters that speak their wire format by hand: one JDK client on virtual threads, the provider's timeout
 * until the answer starts, failures classified as {@link UpstreamException} (with {@code Retry-After}),
 * and line-by-line reading of streamed answers. Nothing here logs a header or a body.
 */
@Component
class UpstreamHttp {
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final JsonMapper json;

    UpstreamHttp(JsonMapper json) {
        this.json = json;
    }

    JsonMapper json() {
        return json;
    }

    /** POSTs JSON and reads a JSON answer. */
    JsonNode postJson(String url, Map<String, String> headers, JsonNode body, Duration timeout) {
        HttpResponse<String> response = send(url, headers, body, timeout, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw UpstreamException.ofStatus(response.statusCode(), retryAfter(response.headers()));
        }
        return parse(response.body());
    }

    /** POSTs JSON and hands every line of the streamed answer to {@code lines}. */
    void postStream(String url, Map<String, String> headers, JsonNode body, Duration timeout, Consumer<String> lines) {
        HttpResponse<InputStream> response =
                send(url, headers, body, timeout, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw UpstreamException.ofStatus(response.statusCode(), retryAfter(response.headers()));
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
            }
        } catch (IOException e) {
            throw new UpstreamException(
                    UpstreamException.Kind.CONNECTION,
                    0,
                    "stream broken: " + e.getClass().getSimpleName());
        }
    }

    JsonNode parse(String text) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new UpstreamException(
                        UpstreamException.Kind.MALFORMED, 200, "malformed answer: not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new UpstreamException(UpstreamException.Kind.MALFORMED, 200, "malformed answer: not JSON");
        }
    }

    private <T> HttpResponse<T> send(
            String url,
            Map<String, String> headers,
            JsonNode body,
            Duration timeout,
            HttpResponse.BodyHandler<T> handler) {
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        headers.forEach(request::header);
        try {
            return client.send(request.build(), handler);
        } catch (HttpTimeoutException e) {
            throw new UpstreamException(
                    UpstreamException.Kind.TIMEOUT, 0, "timeout after " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            throw new UpstreamException(UpstreamException.Kind.CONNECTION, 0, "connection refused");
        } catch (IOException e) {
            throw new UpstreamException(
                    UpstreamException.Kind.CONNECTION,
                    0,
                    "connection failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(UpstreamException.Kind.TIMEOUT, 0, "interrupted");
        }
    }

    static @Nullable Duration retryAfter(HttpHeaders headers) {
        return RetryAfter.parse(name -> headers.firstValue(name).orElse(null));
    }
}
