package dev.berrys.tool.builtin;

import java.util.Map;

/** A tool implemented in this service. Its arguments are validated against {@link #parameters()} first. */
public interface BuiltinTool {
    String name();

    String description();

    /** The JSON Schema (draft 2020-12) of the arguments. */
    Map<String, Object> parameters();

    /** Runs the call; a {@link ToolFailure} for anything the caller should read as a failed result. */
    Object execute(ToolCall call);
}
