package dev.berrys.tool.registry;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a registered tool, for execution and the API.
 *
 * @param parameters the JSON Schema of the arguments as JSON text
 * @param status {@code AVAILABLE}, or {@code UNAVAILABLE} while its MCP server cannot be reached
 */
public record ToolDefinition(
        UUID id,
        String name,
        String description,
        String parameters,
        ToolSource source,
        @Nullable UUID mcpServerId,
        @Nullable String remoteName,
        @Nullable String endpoint,
        boolean enabled,
        String status,
        Instant createdAt,
        Instant updatedAt) {}
