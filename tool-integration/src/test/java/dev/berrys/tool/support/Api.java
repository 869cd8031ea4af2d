package dev.berrys.tool.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the service under test with a bearer token and returns status and JSON body, whatever the status. */
public final class Api {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RestClient http;

    public Api(int port) {
        this.http = RestClient.builder().baseUrl("http://localhost:" + port).build();
    }

    public Response get(String path, String token) {
        return call(HttpMethod.GET, path, token, null);
    }

    public Response post(String path, String token, Object body) {
        return call(HttpMethod.POST, path, token, body);
    }

    public Response patch(String path, String token, Object body) {
        return call(HttpMethod.PATCH, path, token, body);
    }

    public Response delete(String path, String token) {
        return call(HttpMethod.DELETE, path, token, null);
    }

    /** A {@code String} body is sent as it is (to send malformed JSON); anything else as JSON. */
    public Response call(HttpMethod method, String path, String token, Object body) {
        return call(method, path, token, body, Map.of());
    }

    /** With extra request headers. */
    public Response call(HttpMethod method, String path, String token, Object body, Map<String, String> headers) {
        var request = http.method(method).uri(path).headers(h -> {
            h.setBearerAuth(token);
            headers.forEach(h::set);
        });
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON)
                    .body(body instanceof String s ? s : JSON.writeValueAsString(body));
        }
        return request.exchange((req, res) -> {
            try (InputStream in = res.getBody()) {
                byte[] bytes = in.readAllBytes();
                JsonNode json = bytes.length == 0 ? JSON.missingNode() : JSON.readTree(bytes);
                return new Response(res.getStatusCode().value(), json, new String(bytes), res.getHeaders());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public record Response(int status, JsonNode body, String raw, HttpHeaders headers) {
        /** The {@code name} of each item of a page's {@code content}. */
        public java.util.List<String> names() {
            java.util.List<String> names = new java.util.ArrayList<>();
            body.path("content").forEach(item -> names.add(item.path("name").asString()));
            return names;
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }
}
