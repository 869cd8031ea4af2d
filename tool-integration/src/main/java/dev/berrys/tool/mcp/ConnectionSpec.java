package dev.berrys.tool.mcp;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Everything needed to open a connection to one MCP server, credentials decrypted (kept in memory only). */
record ConnectionSpec(
        UUID serverId,
        String tenant,
        String name,
        McpTransport transport,
        @Nullable String command,
        List<String> args,
        Map<String, String> env,
        @Nullable String url,
        Credentials credentials) {

    /** Never prints a credential. */
    @Override
    public String toString() {
        return "ConnectionSpec[" + serverId + ", " + name + ", " + transport + "]";
    }
}
