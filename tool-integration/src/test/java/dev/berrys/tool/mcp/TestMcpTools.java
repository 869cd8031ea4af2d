package dev.berrys.tool.mcp;

import dev.berrys.starter.schema.JsonSchemas;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;

/** The tools of the MCP servers the tests run: {@code echo}, {@code add} and (stdio) {@code sandbox}. */
final class TestMcpTools {
    static final McpJsonMapper MAPPER = McpJsonDefaults.getMapper();

    private TestMcpTools() {}

    static McpSchemaValidator validator() {
        JsonMapper json = JsonMapper.builder().build();
        return new McpSchemaValidator(new JsonSchemas(), json);
    }

    static McpSchema.ServerCapabilities capabilities() {
        return McpSchema.ServerCapabilities.builder().tools(true).build();
    }

    static SyncToolSpecification echo() {
        return SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder()
                        .name("echo")
                        .description("Echoes the text")
                        .inputSchema(Map.of(
                                "type", "object",
                                "properties", Map.of("text", Map.of("type", "string")),
                                "required", List.of("text")))
                        .build())
                .callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
                        .addTextContent("echo: " + request.arguments().get("text"))
                        .build())
                .build();
    }

    static SyncToolSpecification add() {
        return SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder()
                        .name("add")
                        .description("Adds two numbers")
                        .inputSchema(Map.of(
                                "type", "object",
                                "properties", Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")),
                                "required", List.of("a", "b")))
                        .build())
                .callHandler((exchange, request) -> {
                    double sum = ((Number) request.arguments().get("a")).doubleValue()
                            + ((Number) request.arguments().get("b")).doubleValue();
                    if (sum < 0) {
                        return McpSchema.CallToolResult.builder()
                                .addTextContent("negative sums are not supported")
                                .isError(true)
                                .build();
                    }
                    return McpSchema.CallToolResult.builder()
                            .addTextContent(String.valueOf(sum))
                            .structuredContent(Map.of("sum", sum))
                            .build();
                })
                .build();
    }

    /** Sleeps {@code ms} milliseconds: longer than the call timeout, it shows the timeout at work. */
    static SyncToolSpecification sleep() {
        return SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder()
                        .name("sleep")
                        .description("Sleeps")
                        .inputSchema(Map.of(
                                "type", "object",
                                "properties", Map.of("ms", Map.of("type", "integer")),
                                "required", List.of("ms")))
                        .build())
                .callHandler((exchange, request) -> {
                    try {
                        Thread.sleep(((Number) request.arguments().get("ms")).longValue());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return McpSchema.CallToolResult.builder()
                            .addTextContent("awake")
                            .build();
                })
                .build();
    }

    /** Tells what the process sees: its environment variable names and its working directory. */
    /** The "Max data size" soft limit of this process, as /proc/self/limits shows it ("none" elsewhere). */
    private static String dataLimit() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits")).stream()
                    .filter(l -> l.startsWith("Max data size"))
                    .map(l -> l.substring("Max data size".length()).trim().split("\\s+")[0])
                    .findFirst()
                    .orElse("none");
        } catch (java.io.IOException e) {
            return "none";
        }
    }

    static SyncToolSpecification sandbox() {
        return SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder()
                        .name("sandbox")
                        .description("Describes the process environment")
                        .inputSchema(Map.of("type", "object", "properties", Map.of()))
                        .build())
                .callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
                        .addTextContent("sandbox")
                        .structuredContent(Map.of(
                                "env", List.copyOf(new TreeSet<>(System.getenv().keySet())),
                                "greeting", String.valueOf(System.getenv("GREETING")),
                                "cwd", System.getProperty("user.dir"),
                                "dataLimit", dataLimit()))
                        .build())
                .build();
    }
}
