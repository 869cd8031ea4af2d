package dev.berrys.tool.mcp;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An MCP server as the API shows it: never its credentials, only whether it has some. */
public record ServerView(
        UUID id,
        String name,
        McpTransport transport,
        @Nullable String command,
        List<String> args,
        Map<String, String> env,
        @Nullable String url,
        boolean enabled,
        boolean hasCredentials,
        ServerStatus status,
        @Nullable String statusMessage,
        @Nullable Instant statusAt,
        List<ServerTool> tools,
        Instant createdAt,
        Instant updatedAt) {

    /** A tool discovered on the server: its registry name and its name on the server. */
    public record ServerTool(
            String name, @Nullable String remoteName, String description, boolean enabled, String status) {}
}
