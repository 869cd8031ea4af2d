package dev.berrys.tool.mcp;

import dev.berrys.starter.net.AddressFilter;
import dev.berrys.starter.net.RefusedAddressException;
import dev.berrys.tool.config.ToolProperties;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Live MCP client sessions of this replica, one per server: opens them (stdio in a sandbox, HTTP under the
 * address rules, with the server's credentials), lists tools and calls them with a timeout. Knows nothing
 * of the database; {@link McpServers} decides when to connect.
 */
@Component
class McpConnections {
    private static final Logger log = LoggerFactory.getLogger(McpConnections.class);

    private final ToolProperties.Mcp props;
    private final AddressFilter addresses;
    private final McpSchemaValidator validator;
    private final McpJsonMapper mapper = McpJsonDefaults.getMapper();
    private final Map<UUID, Live> live = new ConcurrentHashMap<>();
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final @Nullable String prlimit;
    private final @Nullable StderrCap stderrCap;

    McpConnections(ToolProperties props, AddressFilter addresses, McpSchemaValidator validator) {
        this.props = props.mcp();
        this.addresses = addresses;
        this.validator = validator;
        this.prlimit = StderrCap.onPath(this.props.path(), "prlimit");
        if (prlimit == null
                && this.props.stdioMemory().toBytes() > 0
                && !this.props.stdioCommands().isEmpty()) {
            log.warn("prlimit is not on BERRYS_MCP_PATH: stdio MCP servers run without a memory limit");
        }
        this.stderrCap =
                StderrCap.find(this.props.path(), this.props.stdioMaxStderr().toBytes());
        if (stderrCap == null
                && this.props.stdioMaxStderr().toBytes() > 0
                && !this.props.stdioCommands().isEmpty()) {
            log.warn("sh, mkfifo, head or cat is not on BERRYS_MCP_PATH: stdio MCP servers' stderr is not capped");
        }
    }

    /** Opens (or reopens) the session and lists every tool; {@link McpUnavailable} with a safe message if it fails. */
    List<McpSchema.Tool> connect(ConnectionSpec spec) {
        disconnect(spec.serverId());
        List<String> secrets = spec.credentials().secretValues();
        McpSyncClient client = null;
        try {
            client = McpClient.sync(transport(spec))
                    .clientInfo(new McpSchema.Implementation("berrys-tool-integration", "0.1.0"))
                    // starting a process and listing tools may take longer than a call: calls have their own limit
                    .requestTimeout(props.initTimeout())
                    .initializationTimeout(props.initTimeout())
                    .jsonSchemaValidator(validator)
                    .build();
            client.initialize();
            List<McpSchema.Tool> tools = listTools(client);
            live.put(spec.serverId(), new Live(client, secrets));
            return tools;
        } catch (McpUnavailable e) {
            closeQuietly(client);
            throw e;
        } catch (RuntimeException e) {
            closeQuietly(client);
            String message = Scrubber.describe(e, secrets);
            log.info("MCP server {} ({}) could not be connected: {}", spec.name(), spec.serverId(), message);
            throw new McpUnavailable("Could not connect: " + message);
        }
    }

    boolean isConnected(UUID serverId) {
        return live.containsKey(serverId);
    }

    /** Calls {@code tools/call}; a {@link McpUnavailable} when the session is gone or the call failed in transport. */
    McpSchema.CallToolResult call(UUID serverId, String remoteName, Map<String, Object> arguments) {
        Live session = Optional.ofNullable(live.get(serverId))
                .orElseThrow(() -> new McpUnavailable("The MCP server is not connected."));
        var pending = CompletableFuture.supplyAsync(
                () -> session.client().callTool(new McpSchema.CallToolRequest(remoteName, arguments)), calls);
        try {
            return pending.get(props.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            disconnect(serverId);
            throw new McpUnavailable("The MCP server did not answer within "
                    + props.callTimeout().toSeconds() + " s.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpUnavailable("The call was interrupted.");
        } catch (ExecutionException wrapped) {
            Throwable e = Objects.requireNonNullElse(wrapped.getCause(), wrapped);
            if (e instanceof McpError) {
                // the server answered with a JSON-RPC error: the session is fine
                throw new McpCallRefused(Scrubber.describe(e, session.secrets()));
            }
            disconnect(serverId);
            String message = Scrubber.describe(e, session.secrets());
            log.info("MCP call {} on server {} failed: {}", remoteName, serverId, message);
            throw new McpUnavailable("The MCP server did not answer: " + message);
        }
    }

    void disconnect(UUID serverId) {
        Live old = live.remove(serverId);
        if (old != null) {
            closeQuietly(old.client());
        }
    }

    @PreDestroy
    void closeAll() {
        new ArrayList<>(live.keySet()).forEach(this::disconnect);
        calls.shutdownNow();
    }

    private List<McpSchema.Tool> listTools(McpSyncClient client) {
        List<McpSchema.Tool> tools = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            McpSchema.ListToolsResult result = cursor == null ? client.listTools() : client.listTools(cursor);
            tools.addAll(result.tools());
            cursor = result.nextCursor();
            if (cursor == null || cursor.isBlank()) {
                break;
            }
        }
        return tools;
    }

    private McpClientTransport transport(ConnectionSpec spec) {
        return switch (spec.transport()) {
            case STDIO -> stdio(spec);
            case STREAMABLE_HTTP -> {
                Endpoint e = endpoint(spec, "/mcp");
                yield HttpClientStreamableHttpTransport.builder(e.base())
                        .endpoint(e.path())
                        .jsonMapper(mapper)
                        .connectTimeout(props.initTimeout())
                        .httpRequestCustomizer(requestCustomizer(spec))
                        .build();
            }
            case SSE -> {
                Endpoint e = endpoint(spec, "/sse");
                yield HttpClientSseClientTransport.builder(e.base())
                        .sseEndpoint(e.path())
                        .jsonMapper(mapper)
                        .connectTimeout(props.initTimeout())
                        .httpRequestCustomizer(requestCustomizer(spec))
                        .build();
            }
        };
    }

    private McpClientTransport stdio(ConnectionSpec spec) {
        if (spec.command() == null || spec.command().isBlank()) {
            throw new McpUnavailable("A stdio server needs a command.");
        }
        // checked again at every start: a server registered before the allow-list changed does not run
        if (!props.allowsStdio(spec.tenant(), spec.command())) {
            throw new McpUnavailable("This stdio server's command is not allowed on this platform.");
        }
        Path dir = props.sandboxDir().resolve(spec.serverId().toString());
        try {
            Files.createDirectories(dir);
            restrictToOwner(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox directory could not be created", e);
        }
        Map<String, String> env = new java.util.HashMap<>(spec.env());
        env.putAll(spec.credentials().envOrEmpty());
        var transport = SandboxedStdioTransport.create(
                spec.command(),
                spec.args(),
                env,
                mapper,
                dir,
                props.path(),
                prlimit,
                props.stdioMemory().toBytes(),
                (int) Math.min(Integer.MAX_VALUE, props.stdioMaxMessage().toBytes()),
                stderrCap);
        transport.setStdErrorHandler(stderrLog(spec.name(), spec.credentials().secretValues()));
        return transport;
    }

    /**
     * Logs (at debug) what a stdio server writes to stderr: each line cut to 1000 characters with the
     * server's secrets scrubbed, and nothing after {@code BERRYS_MCP_STDIO_MAX_STDERR} characters in all
     * (the same bound the process side applies to bytes, here also when there is no process-side cap).
     */
    java.util.function.Consumer<String> stderrLog(String server, List<String> secrets) {
        long max = props.stdioMaxStderr().toBytes();
        var seen = new java.util.concurrent.atomic.AtomicLong();
        return line -> {
            long before = seen.getAndAdd(line.length() + 1L);
            if (max > 0 && before >= max) {
                return;
            }
            String shown = line.length() <= 1000 ? line : line.substring(0, 1000) + "…";
            log.debug("MCP server {} stderr: {}", server, Scrubber.clean(shown, secrets));
        };
    }

    private static void restrictToOwner(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory keeps its default permissions
        }
    }

    /** Every request (including SSE message endpoints the server names) is checked and given the credentials. */
    private McpSyncHttpClientRequestCustomizer requestCustomizer(ConnectionSpec spec) {
        Credentials credentials = spec.credentials();
        return (builder, method, uri, body, context) -> {
            try {
                addresses.check(uri);
            } catch (RefusedAddressException e) {
                throw new McpUnavailable(e.getMessage());
            }
            if (credentials.bearerToken() != null && !credentials.bearerToken().isEmpty()) {
                builder.header("Authorization", "Bearer " + credentials.bearerToken());
            }
            credentials.headersOrEmpty().forEach(builder::header);
        };
    }

    private Endpoint endpoint(ConnectionSpec spec, String defaultPath) {
        if (spec.url() == null) {
            throw new McpUnavailable("An HTTP server needs a url.");
        }
        URI uri = URI.create(spec.url());
        try {
            addresses.check(uri);
        } catch (RefusedAddressException e) {
            throw new McpUnavailable(e.getMessage());
        }
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? defaultPath : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        return new Endpoint(base, path);
    }

    private static void closeQuietly(@Nullable McpSyncClient client) {
        if (client == null) {
            return;
        }
        try {
            if (!client.closeGracefully()) {
                client.close();
            }
        } catch (RuntimeException e) {
            client.close();
        }
    }

    private record Endpoint(String base, String path) {}

    private record Live(McpSyncClient client, List<String> secrets) {}

    /** The server cannot be reached or the session broke; the message holds no secret. */
    static class McpUnavailable extends RuntimeException {
        McpUnavailable(String message) {
            super(message);
        }

        /** The message it was made with, never null (NullAway takes {@link Throwable#getMessage()} as nullable). */
        @Override
        public String getMessage() {
            return Objects.requireNonNull(super.getMessage());
        }
    }

    /** The server answered the call with a JSON-RPC error; the message holds no secret. */
    static class McpCallRefused extends RuntimeException {
        McpCallRefused(String message) {
            super(message);
        }
    }
}
