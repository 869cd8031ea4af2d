package dev.berrys.tool.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

/**
 * A real MCP server (the SDK's streamable HTTP or SSE servlet transport) in an embedded Tomcat on 127.0.0.1
 * and a random port, requiring a bearer token; records the Authorization headers it was sent.
 */
final class HttpMcpServer implements AutoCloseable {
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Tomcat tomcat = new Tomcat();
    private final McpSyncServer server;

    private final boolean sse;

    /** A streamable HTTP server at {@code /mcp}. */
    HttpMcpServer(String requiredToken) throws IOException, LifecycleException {
        this(requiredToken, false);
    }

    /** @param sse true for the older SSE transport ({@code /sse} plus a message endpoint) */
    HttpMcpServer(String requiredToken, boolean sse) throws IOException, LifecycleException {
        this.sse = sse;
        HttpServlet transport;
        if (sse) {
            var provider = HttpServletSseServerTransportProvider.builder()
                    .jsonMapper(TestMcpTools.MAPPER)
                    .sseEndpoint("/sse")
                    .messageEndpoint("/message")
                    .build();
            server = build(McpServer.sync(provider));
            transport = provider;
        } else {
            var provider = HttpServletStreamableServerTransportProvider.builder()
                    .jsonMapper(TestMcpTools.MAPPER)
                    .mcpEndpoint("/mcp")
                    .build();
            server = build(McpServer.sync(provider));
            transport = provider;
        }
        tomcat.setBaseDir(Files.createTempDirectory("mcp-tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", null);
        var wrapper = Tomcat.addServlet(context, "mcp", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response)
                    throws ServletException, IOException {
                String authorization = request.getHeader("Authorization");
                authorizations.add(String.valueOf(authorization));
                if (!("Bearer " + requiredToken).equals(authorization)) {
                    response.sendError(401);
                    return;
                }
                transport.service(request, response);
            }
        });
        wrapper.setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "mcp");
        tomcat.start();
    }

    private static McpSyncServer build(McpServer.SyncSpecification<?> spec) {
        return spec.serverInfo("http-test", "1.0")
                .capabilities(TestMcpTools.capabilities())
                .jsonSchemaValidator(TestMcpTools.validator())
                .tools(TestMcpTools.echo(), TestMcpTools.add(), TestMcpTools.sleep())
                .build();
    }

    int port() {
        return tomcat.getConnector().getLocalPort();
    }

    /** Through the allow-listed name {@code localhost}. */
    String url() {
        return "http://localhost:" + port() + (sse ? "/sse" : "/mcp");
    }

    @Override
    public void close() throws LifecycleException {
        server.close();
        tomcat.stop();
        tomcat.destroy();
    }
}
