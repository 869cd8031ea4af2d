package dev.berrys.tool.execution;

import dev.berrys.tool.builtin.ToolCall;
import dev.berrys.tool.registry.ToolDefinition;

/** Runs a tool that lives on an MCP server. */
public interface RemoteTools {
    /** The result of {@code tools/call}; a {@link dev.berrys.tool.builtin.ToolFailure} for a failed call. */
    Object call(ToolDefinition tool, ToolCall call);
}
