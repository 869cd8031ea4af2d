package dev.berrys.tool.mcp;

import dev.berrys.starter.security.Tenants;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After a start, reconnects every enabled MCP server in the background (a restarted service goes on
 * with the servers it had); a server that cannot be reached is marked ERROR and retried on its next call.
 */
@Component
class McpStartup {
    private static final Logger log = LoggerFactory.getLogger(McpStartup.class);

    private final RegisteredServers servers;
    private final McpServers mcp;

    McpStartup(RegisteredServers servers, McpServers mcp) {
        this.servers = servers;
        this.mcp = mcp;
    }

    @EventListener(ApplicationReadyEvent.class)
    void reconnect() {
        var enabled = servers.findByEnabledTrue();
        if (enabled.isEmpty()) {
            return;
        }
        log.info("reconnecting {} MCP server(s)", enabled.size());
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        for (RegisteredServer server : enabled) {
            executor.submit(() -> Tenants.runAs(server.tenant(), () -> {
                try {
                    mcp.connect(server.tenant(), server.id());
                } catch (RuntimeException e) {
                    log.warn(
                            "MCP server {} could not be reconnected: {}",
                            server.id(),
                            e.getClass().getSimpleName());
                }
            }));
        }
        executor.shutdown();
    }
}
