package dev.berrys.tool.execution;

import dev.berrys.starter.net.RefusedAddressException;
import dev.berrys.tool.builtin.ToolCall;
import dev.berrys.tool.builtin.ToolFailure;
import dev.berrys.tool.net.SafeHttp;
import dev.berrys.tool.registry.ToolDefinition;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Runs a registered HTTP tool: POSTs the arguments as JSON to its endpoint, under the address rules. */
@Component
class HttpToolRunner {
    private static final int MAX_BYTES = 1024 * 1024;

    private final SafeHttp http;
    private final JsonMapper json;

    HttpToolRunner(SafeHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    Object call(ToolDefinition tool, ToolCall call) {
        try {
            SafeHttp.Response response =
                    http.postJson(URI.create(tool.endpoint()), json.writeValueAsString(call.arguments()), MAX_BYTES);
            String text = response.text();
            if (response.status() / 100 != 2) {
                throw new ToolFailure("The tool endpoint answered " + response.status() + ": "
                        + text.substring(0, Math.min(text.length(), 500)));
            }
            if (response.contentType() != null && response.contentType().contains("json") && !response.truncated()) {
                try {
                    return json.readValue(text, Object.class);
                } catch (JacksonException e) {
                    return Map.of("text", text);
                }
            }
            return Map.of("text", text, "truncated", response.truncated());
        } catch (RefusedAddressException e) {
            throw new ToolFailure(e.getMessage());
        } catch (HttpTimeoutException e) {
            throw new ToolFailure("The tool endpoint timed out.");
        } catch (IOException e) {
            throw new ToolFailure(
                    "The tool endpoint could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolFailure("The call was interrupted.");
        }
    }
}
