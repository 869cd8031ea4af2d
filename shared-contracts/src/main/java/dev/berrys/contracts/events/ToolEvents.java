package dev.berrys.contracts.events;

import dev.berrys.contracts.Streams;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Payloads on {@code berrys.tool}, published by tool-integration. */
public final class ToolEvents {
    @Event(type = EventTypes.TOOL_EXECUTED, stream = Streams.TOOL)
    public record ToolExecuted(
            UUID toolExecutionId,
            @Nullable UUID projectId,
            @Nullable UUID taskId,
            @Nullable UUID executionId,
            String tool,
            String outcome,
            long durationMs) {}

    private ToolEvents() {}
}
