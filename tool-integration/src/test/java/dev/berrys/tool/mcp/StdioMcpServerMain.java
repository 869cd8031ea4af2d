package dev.berrys.tool.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.PrintStream;

/** A real MCP server on stdin/stdout, started by the tests as a separate process through the stdio transport. */
public final class StdioMcpServerMain {
    private StdioMcpServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        PrintStream protocol = System.out;
        System.setOut(System.err); // anything logged must not mix with the protocol
        var transport = new StdioServerTransportProvider(TestMcpTools.MAPPER, System.in, protocol);
        McpServer.sync(transport)
                .serverInfo("stdio-test", "1.0")
                .capabilities(TestMcpTools.capabilities())
                .jsonSchemaValidator(TestMcpTools.validator())
                .tools(TestMcpTools.echo(), TestMcpTools.add(), TestMcpTools.sandbox())
                .build();
        // serve until the parent (the service under test) is gone, so that no orphan is ever left behind
        while (ProcessHandle.current().parent().map(ProcessHandle::isAlive).orElse(false)) {
            Thread.sleep(500);
        }
        System.exit(0);
    }
}
