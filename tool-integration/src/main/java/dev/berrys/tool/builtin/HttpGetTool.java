package dev.berrys.tool.builtin;

import dev.berrys.starter.net.RefusedAddressException;
import dev.berrys.tool.net.SafeHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code http_get}: fetches a public http(s) URL and returns status, content type and text, the body
 * capped; private, loopback and link-local addresses are refused unless allow-listed (see {@link SafeHttp}).
 */
@Component
class HttpGetTool implements BuiltinTool {
    private final SafeHttp http;
    private final int defaultMaxBytes;
    private final int maxBytesLimit;

    HttpGetTool(SafeHttp http, dev.berrys.tool.config.ToolProperties props) {
        this.http = http;
        this.defaultMaxBytes = props.http().defaultMaxBytes();
        this.maxBytesLimit = props.http().maxBytesLimit();
    }

    @Override
    public String name() {
        return "http_get";
    }

    @Override
    public String description() {
        return "Fetches a public http or https URL with GET and returns the status, content type and text "
                + "of the body (cut at maxBytes, default " + defaultMaxBytes + ").";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of(
                "type",
                "object",
                "properties",
                Map.of(
                        "url", Map.of("type", "string", "minLength", 1, "maxLength", 2048),
                        "maxBytes", Map.of("type", "integer", "minimum", 1, "maximum", maxBytesLimit)),
                "required",
                List.of("url"),
                "additionalProperties",
                false);
    }

    @Override
    public Object execute(ToolCall call) {
        URI uri;
        try {
            uri = new URI(call.requiredString("url").trim());
        } catch (URISyntaxException e) {
            throw new ToolFailure("The url is not a valid URL: " + e.getReason() + ".");
        }
        Integer max = call.integer("maxBytes");
        try {
            SafeHttp.Response response = http.get(uri, max == null ? defaultMaxBytes : max);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("url", response.uri().toString());
            result.put("status", response.status());
            result.put("contentType", response.contentType());
            result.put("bytes", response.body().length);
            result.put("truncated", response.truncated());
            if (response.isText()) {
                result.put("text", response.text());
            } else {
                result.put("text", null);
                result.put("note", "The body is not text and is not returned.");
            }
            return result;
        } catch (RefusedAddressException e) {
            throw new ToolFailure(e.getMessage());
        } catch (HttpTimeoutException e) {
            throw new ToolFailure("The request timed out.");
        } catch (IOException e) {
            // the exception's message may name the address the host resolved to: only its kind is told
            throw new ToolFailure("The request failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolFailure("The request was interrupted.");
        }
    }
}
