package dev.berrys.model.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.model.Api;
import dev.berrys.model.ModelIT;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A service refuses a request body past its route's limit with a 413 ProblemDetail and stores nothing. */
@ModelIT
class RequestSizeIT {
    private static final int MB = 1024 * 1024;

    @LocalServerPort
    int port;

    @Test
    void aBodyPastTheDefaultLimitIs413AndNothingIsStored() {
        Api api = Api.ofNewTenant(port);
        var refused = api.post("/api/providers", provider("too-big", MB));
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().get("type").asString()).isEqualTo("https://berrys.dev/problems/payload-too-large");
        assertThat(refused.json().get("maxBytes").asLong()).isEqualTo(MB);
        assertThat(api.get("/api/providers?size=500").body()).doesNotContain("too-big");
    }

    @Test
    void aChunkedBodyPastTheLimitIs413Too() throws Exception {
        Api api = Api.ofNewTenant(port);
        byte[] body = provider("chunked-too-big", MB).getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/providers"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + api.token())
                // no length known up front: sent chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response;
        try (var client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(Api.JSON.readTree(response.body()).get("type").asString())
                .isEqualTo("https://berrys.dev/problems/payload-too-large");
        assertThat(api.get("/api/providers?size=500").body()).doesNotContain("chunked-too-big");
    }

    @Test
    void chatCompletionsTakeALargerBody() {
        Api api = Api.ofNewTenant(port);
        var answer = api.post(
                "/v1/chat/completions",
                Map.of(
                        "model",
                        "berrys-simulated",
                        "messages",
                        List.of(Map.of("role", "user", "content", "Summarise: " + "tea ".repeat(MB / 2)))));
        assertThat(answer.status()).isEqualTo(200);
    }

    /** A provider request of more than {@code bytes} bytes (the padding is JSON whitespace). */
    private static String provider(String name, int bytes) {
        return "{\"name\":\"" + name + "\",\"type\":\"SIMULATED\"" + " ".repeat(bytes) + "}";
    }
}
