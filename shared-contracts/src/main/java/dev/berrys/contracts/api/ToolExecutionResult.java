package dev.berrys.contracts.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Answer of a tool execution. A tool that ran and failed (bad arguments it could not use, a refused URL)
 * is {@code FAILED} with an {@code error} the model can read; a request that is itself malformed is a 4xx.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolExecutionResult(
        UUID id,
        String tool,
        String status,
        @Nullable Object result,
        @Nullable String error,
        long durationMs) {
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
}
