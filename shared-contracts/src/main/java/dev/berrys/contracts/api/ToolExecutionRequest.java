package dev.berrys.contracts.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Body of {@code POST /api/tools/{name}/execute} on tool-integration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolExecutionRequest(
        Map<String, Object> arguments,
        @Nullable UUID projectId,
        @Nullable UUID taskId,
        @Nullable UUID executionId) {}
