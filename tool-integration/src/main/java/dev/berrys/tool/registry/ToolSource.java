package dev.berrys.tool.registry;

/** Where a tool comes from: built into this service, registered as an HTTP endpoint, or discovered on an MCP server. */
public enum ToolSource {
    BUILTIN,
    HTTP,
    MCP
}
