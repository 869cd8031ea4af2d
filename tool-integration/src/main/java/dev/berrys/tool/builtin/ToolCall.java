package dev.berrys.tool.builtin;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One call of a tool: who it runs for and its (already schema-validated) arguments. */
public record ToolCall(
        String tenant,
        @Nullable UUID projectId,
        @Nullable UUID taskId,
        @Nullable UUID executionId,
        Map<String, Object> arguments) {

    public @Nullable String string(String name) {
        return arguments.get(name) instanceof String s ? s : null;
    }

    /** A string argument the tool's schema requires: validation has made sure it is there. */
    public String requiredString(String name) {
        return Objects.requireNonNull(string(name), name);
    }

    public @Nullable Integer integer(String name) {
        return arguments.get(name) instanceof Number n ? n.intValue() : null;
    }
}
