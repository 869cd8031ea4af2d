package dev.berrys.tool.mcp;

/** The last known state of an MCP server's connection. */
public enum ServerStatus {
    PENDING,
    CONNECTED,
    ERROR,
    DISABLED
}
