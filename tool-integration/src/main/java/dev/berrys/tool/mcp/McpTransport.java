package dev.berrys.tool.mcp;

/** How tool-integration talks to an MCP server. */
public enum McpTransport {
    /** A local process speaking JSON-RPC on stdin/stdout, started in a sandbox. */
    STDIO,
    /** MCP over HTTP with the streamable transport (2025-03-26 and later). */
    STREAMABLE_HTTP,
    /** The older HTTP with server-sent events transport. */
    SSE
}
