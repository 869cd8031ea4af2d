package dev.berrys.tool.mcp;

import dev.berrys.crypto.SecretCipher;
import dev.berrys.starter.net.AddressFilter;
import dev.berrys.starter.net.RefusedAddressException;
import dev.berrys.starter.web.ProblemException;
import dev.berrys.tool.builtin.ToolCall;
import dev.berrys.tool.builtin.ToolFailure;
import dev.berrys.tool.config.ToolProperties;
import dev.berrys.tool.execution.RemoteTools;
import dev.berrys.tool.registry.ToolDefinition;
import dev.berrys.tool.registry.ToolRegistry;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP servers of each tenant: registration (credentials encrypted), connection and discovery of their
 * tools into the registry, and calls of those tools.
 */
@Service
public class McpServers implements RemoteTools {
    public static final String NAME_PATTERN = "^[A-Za-z0-9-]{1,32}$";

    private final RegisteredServers servers;
    private final McpConnections connections;
    private final ToolRegistry registry;
    private final SecretCipher secrets;
    private final AddressFilter addresses;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final ToolProperties.Mcp stdio;
    private final Map<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();

    McpServers(
            RegisteredServers servers,
            McpConnections connections,
            ToolRegistry registry,
            SecretCipher secrets,
            AddressFilter addresses,
            TransactionTemplate tx,
            JsonMapper json,
            ToolProperties props) {
        this.stdio = props.mcp();
        this.servers = servers;
        this.connections = connections;
        this.registry = registry;
        this.secrets = secrets;
        this.addresses = addresses;
        this.tx = tx;
        this.json = json;
    }

    /** Registers a server and, when enabled, connects to it and discovers its tools. */
    public ServerView register(String tenant, NewServer request) {
        validate(tenant, request);
        boolean hasCredentials =
                request.credentials() != null && !request.credentials().isEmpty();
        if (hasCredentials && !secrets.hasKey()) {
            throw new ProblemException.Conflict(
                    "encryption-key-missing",
                    "Credentials cannot be stored: BERRYS_ENCRYPTION_KEY is not set on tool-integration.");
        }
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            if (servers.existsByTenantAndName(tenant, request.name())) {
                throw new ProblemException.Conflict(
                        "mcp-server-exists", "An MCP server named '" + request.name() + "' exists.");
            }
            var server = new RegisteredServer(
                    id,
                    tenant,
                    request.name(),
                    request.transport(),
                    request.command(),
                    json.writeValueAsString(request.args() == null ? List.of() : request.args()),
                    json.writeValueAsString(request.env() == null ? Map.of() : request.env()),
                    request.url(),
                    request.enabled() == null || request.enabled());
            if (hasCredentials) {
                server.storeCredentials(secrets.encryptText(
                        json.writeValueAsString(request.credentials()), RegisteredServer.credentialsContext(id)));
            }
            servers.save(server);
        });
        if (request.enabled() == null || request.enabled()) {
            connect(tenant, id);
        }
        return get(tenant, id);
    }

    public Page<ServerView> list(String tenant, Pageable page) {
        return servers.findByTenant(tenant, page).map(s -> view(s, registry.mcpTools(tenant, s.id())));
    }

    public ServerView get(String tenant, UUID id) {
        RegisteredServer server = find(tenant, id);
        return view(server, registry.mcpTools(tenant, id));
    }

    /** Reconnects and rediscovers the tools; a disabled server is a 409. */
    public ServerView refresh(String tenant, UUID id) {
        if (!find(tenant, id).enabled()) {
            throw new ProblemException.Conflict("mcp-server-disabled", "The MCP server is disabled; enable it first.");
        }
        connect(tenant, id);
        return get(tenant, id);
    }

    public ServerView setEnabled(String tenant, UUID id, boolean enabled) {
        tx.executeWithoutResult(s -> find(tenant, id).changeEnabled(enabled));
        if (enabled) {
            connect(tenant, id);
        } else {
            connections.disconnect(id);
            registry.markMcpToolsUnavailable(tenant, id);
        }
        return get(tenant, id);
    }

    public void delete(String tenant, UUID id) {
        RegisteredServer server = find(tenant, id);
        connections.disconnect(id);
        tx.executeWithoutResult(s -> {
            registry.removeMcpTools(tenant, id);
            servers.deleteById(server.id());
        });
    }

    /**
     * Connects and syncs the server's tools; on failure the server is ERROR (with a message free of secrets)
     * and its tools UNAVAILABLE. One connection attempt per server at a time.
     */
    void connect(String tenant, UUID id) {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        lock.lock();
        try {
            try {
                ConnectionSpec spec = spec(find(tenant, id));
                List<McpSchema.Tool> tools = connections.connect(spec);
                var discovered = tools.stream()
                        .map(t -> new ToolRegistry.Discovered(
                                t.name(),
                                t.description() == null ? t.name() : t.description(),
                                json.writeValueAsString(inputSchema(t))))
                        .toList();
                tx.executeWithoutResult(s -> {
                    registry.syncMcpTools(tenant, id, spec.name(), discovered);
                    find(tenant, id).connected();
                });
            } catch (McpConnections.McpUnavailable e) {
                tx.executeWithoutResult(s -> {
                    registry.markMcpToolsUnavailable(tenant, id);
                    find(tenant, id).failed(e.getMessage());
                });
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs a discovered tool with {@code tools/call}, connecting first when this replica has no session. */
    @Override
    public Object call(ToolDefinition tool, ToolCall call) {
        UUID serverId = tool.mcpServerId();
        if (serverId == null || tool.remoteName() == null) {
            throw new ToolFailure("The tool '" + tool.name() + "' has no MCP server.");
        }
        RegisteredServer server = servers.findByIdAndTenant(serverId, call.tenant())
                .orElseThrow(() -> new ToolFailure("The MCP server of tool '" + tool.name() + "' is gone."));
        if (!server.enabled()) {
            throw new ToolFailure("The MCP server '" + server.name() + "' is disabled.");
        }
        if (!connections.isConnected(serverId)) {
            connect(call.tenant(), serverId);
            if (!connections.isConnected(serverId)) {
                throw new ToolFailure("The MCP server '" + server.name() + "' cannot be reached: "
                        + find(call.tenant(), serverId).statusMessage());
            }
        }
        McpSchema.CallToolResult result;
        try {
            result = connections.call(serverId, tool.remoteName(), call.arguments());
        } catch (McpConnections.McpCallRefused e) {
            throw new ToolFailure("The MCP server refused the call: " + e.getMessage());
        } catch (McpConnections.McpUnavailable e) {
            tx.executeWithoutResult(s -> find(call.tenant(), serverId).failed(e.getMessage()));
            throw new ToolFailure(e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("content", json.convertValue(result.content(), List.class));
        if (result.structuredContent() != null) {
            out.put("structuredContent", result.structuredContent());
        }
        if (Boolean.TRUE.equals(result.isError())) {
            throw new ToolFailure("The MCP tool reported an error: " + text(result));
        }
        return out;
    }

    private static String text(McpSchema.CallToolResult result) {
        StringBuilder text = new StringBuilder();
        for (McpSchema.Content c : result.content() == null ? List.<McpSchema.Content>of() : result.content()) {
            if (c instanceof McpSchema.TextContent t) {
                text.append(t.text()).append(' ');
            }
        }
        String s = text.toString().trim();
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }

    private static Map<String, Object> inputSchema(McpSchema.Tool tool) {
        Map<String, Object> schema =
                tool.inputSchema() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(tool.inputSchema());
        schema.putIfAbsent("type", "object");
        return schema;
    }

    private ConnectionSpec spec(RegisteredServer server) {
        Credentials credentials = Credentials.NONE;
        if (server.credentials() != null) {
            try {
                credentials = json.readValue(
                        secrets.decryptText(server.credentials(), RegisteredServer.credentialsContext(server.id())),
                        Credentials.class);
            } catch (SecretCipher.KeyMissing e) {
                throw new McpConnections.McpUnavailable(
                        "Stored credentials cannot be used: BERRYS_ENCRYPTION_KEY is not set.");
            } catch (SecretCipher.Unreadable e) {
                throw new McpConnections.McpUnavailable(
                        "Stored credentials cannot be decrypted with the configured BERRYS_ENCRYPTION_KEY.");
            }
        }
        return new ConnectionSpec(
                server.id(),
                server.tenant(),
                server.name(),
                server.transport(),
                server.command(),
                json.readValue(server.args(), new TypeReference<List<String>>() {}),
                json.readValue(server.env(), new TypeReference<Map<String, String>>() {}),
                server.url(),
                credentials);
    }

    private RegisteredServer find(String tenant, UUID id) {
        return servers.findByIdAndTenant(id, tenant).orElseThrow(() -> new ProblemException.NotFound("MCP server", id));
    }

    private void validate(String tenant, NewServer request) {
        switch (request.transport()) {
            case STDIO -> {
                if (!stdio.platformTenant().equals(tenant)) {
                    throw new ProblemException(
                            HttpStatus.FORBIDDEN,
                            "stdio-not-allowed",
                            "STDIO MCP servers run on the platform's host: only the platform operator registers"
                                    + " them. Register an HTTP server (STREAMABLE_HTTP or SSE) instead.",
                            Map.of("field", "transport"));
                }
                if (request.command() == null || request.command().isBlank()) {
                    throw new ProblemException.BadRequest("command", "Field 'command' is required for a STDIO server.");
                }
                if (!stdio.allowsStdio(tenant, request.command())) {
                    throw new ProblemException.BadRequest(
                            "command",
                            "Field 'command' is not one of the commands this platform allows for STDIO servers"
                                    + " (BERRYS_MCP_STDIO_COMMANDS).");
                }
            }
            case STREAMABLE_HTTP, SSE -> {
                if (request.url() == null || request.url().isBlank()) {
                    throw new ProblemException.BadRequest("url", "Field 'url' is required for an HTTP server.");
                }
                try {
                    addresses.check(new URI(request.url().trim()));
                } catch (URISyntaxException e) {
                    throw new ProblemException.BadRequest("url", "Field 'url' is not a valid URL.");
                } catch (RefusedAddressException e) {
                    throw new ProblemException.BadRequest("url", "Field 'url' is refused: " + e.getMessage());
                }
            }
        }
    }

    private ServerView view(RegisteredServer s, List<ToolDefinition> tools) {
        return new ServerView(
                s.id(),
                s.name(),
                s.transport(),
                s.command(),
                json.readValue(s.args(), new TypeReference<List<String>>() {}),
                json.readValue(s.env(), new TypeReference<Map<String, String>>() {}),
                s.url(),
                s.enabled(),
                s.credentials() != null,
                s.status(),
                s.statusMessage(),
                s.statusAt(),
                tools.stream()
                        .map(t -> new ServerView.ServerTool(
                                t.name(), t.remoteName(), t.description(), t.enabled(), t.status()))
                        .toList(),
                s.createdAt(),
                s.updatedAt());
    }

    /** What {@code POST /api/mcp-servers} asks for. */
    public record NewServer(
            String name,
            McpTransport transport,
            @Nullable String command,
            @Nullable List<String> args,
            @Nullable Map<String, String> env,
            @Nullable String url,
            @Nullable Credentials credentials,
            @Nullable Boolean enabled) {}
}
