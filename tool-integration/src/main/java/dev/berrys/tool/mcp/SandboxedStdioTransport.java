package dev.berrys.tool.mcp;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.nio.file.Path;
import java.util.Map;

/**
 * The SDK's stdio transport, with the process started in a sandbox: a clean environment (only PATH and
 * the server's declared variables; nothing of this service's own environment, such as its database
 * password or encryption key) and a working directory of its own.
 */
final class SandboxedStdioTransport extends StdioClientTransport {
    private final Path workingDirectory;
    private final String path;

    private SandboxedStdioTransport(ServerParameters params, McpJsonMapper mapper, Path workingDirectory, String path) {
        super(params, mapper);
        this.workingDirectory = workingDirectory;
        this.path = path;
    }

    static SandboxedStdioTransport create(
            String command,
            java.util.List<String> args,
            Map<String, String> env,
            McpJsonMapper mapper,
            Path workingDirectory,
            String path) {
        ServerParameters params =
                ServerParameters.builder(command).args(args).env(env).build();
        // the SDK adds HOME, USER, SHELL, … of this process by default: keep only what was declared
        params.getEnv().clear();
        params.getEnv().putAll(env);
        params.getEnv().putIfAbsent("PATH", path);
        return new SandboxedStdioTransport(params, mapper, workingDirectory, path);
    }

    @Override
    protected ProcessBuilder getProcessBuilder() {
        ProcessBuilder builder = new ProcessBuilder();
        builder.environment().clear();
        builder.environment().put("PATH", path);
        builder.directory(workingDirectory.toFile());
        return builder;
    }
}
