package dev.berrys.tool.mcp;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The SDK's stdio transport, with the process started in a sandbox: a clean environment (only PATH and
 * the server's declared variables; nothing of this service's own environment, such as its database
 * password or encryption key), a working directory of its own, a memory limit ({@code prlimit --data},
 * no core dumps) where {@code prlimit} is available and stdout read one bounded message at a time. Time is
 * bounded by the client's timeouts. What is read of its stderr is bounded by {@link StderrCap}.
 */
final class SandboxedStdioTransport extends StdioClientTransport {
    private final Path workingDirectory;
    private final String path;

    private SandboxedStdioTransport(
            ServerParameters params, McpJsonMapper mapper, int maxMessageBytes, Path workingDirectory, String path) {
        super(params, mapper, maxMessageBytes);
        this.workingDirectory = workingDirectory;
        this.path = path;
    }

    /**
     * @param prlimit the absolute path of {@code prlimit}, or null to run without a memory limit
     * @param memoryBytes the data-segment limit; 0 for none
     */
    static SandboxedStdioTransport create(
            String command,
            List<String> args,
            Map<String, String> env,
            McpJsonMapper mapper,
            Path workingDirectory,
            String path,
            @Nullable String prlimit,
            long memoryBytes,
            int maxMessageBytes,
            @Nullable StderrCap stderrCap) {
        String program = command;
        List<String> arguments = new ArrayList<>();
        if (prlimit != null && memoryBytes > 0) {
            program = prlimit;
            arguments.addAll(List.of("--data=" + memoryBytes, "--core=0", "--", command));
        }
        arguments.addAll(args);
        if (stderrCap != null) {
            arguments = stderrCap.wrap(workingDirectory, program, arguments);
            program = stderrCap.sh();
        }
        ServerParameters params =
                ServerParameters.builder(program).args(arguments).env(env).build();
        // the SDK adds HOME, USER, SHELL, … of this process by default: keep only what was declared
        params.getEnv().clear();
        params.getEnv().putAll(env);
        params.getEnv().putIfAbsent("PATH", path);
        return new SandboxedStdioTransport(params, mapper, maxMessageBytes, workingDirectory, path);
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
