package dev.berrys.tool.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Secrets of an MCP server, stored only encrypted and never returned: a bearer token and headers for HTTP
 * servers, environment variables for stdio servers.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Credentials(
        @Nullable String bearerToken,
        @Nullable Map<String, String> headers,
        @Nullable Map<String, String> env) {

    static final Credentials NONE = new Credentials(null, null, null);

    boolean isEmpty() {
        return (bearerToken == null || bearerToken.isEmpty())
                && (headers == null || headers.isEmpty())
                && (env == null || env.isEmpty());
    }

    Map<String, String> headersOrEmpty() {
        return headers == null ? Map.of() : headers;
    }

    Map<String, String> envOrEmpty() {
        return env == null ? Map.of() : env;
    }

    /** Every secret value, so that error messages can be scrubbed of them. */
    List<String> secretValues() {
        List<String> values = new ArrayList<>();
        if (bearerToken != null && !bearerToken.isEmpty()) {
            values.add(bearerToken);
        }
        headersOrEmpty().values().forEach(values::add);
        envOrEmpty().values().forEach(values::add);
        return values;
    }
}
