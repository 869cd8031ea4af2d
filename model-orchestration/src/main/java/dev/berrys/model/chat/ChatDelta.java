package dev.berrys.model.chat;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One piece of a streamed answer, provider-neutral; the facade renders it as an OpenAI chunk. */
public record ChatDelta(
        @Nullable String content,
        List<ToolCallDelta> toolCalls,
        @Nullable String finishReason) {

    public ChatDelta {
        toolCalls = List.copyOf(toolCalls);
    }

    public static ChatDelta content(String text) {
        return new ChatDelta(text, List.of(), null);
    }

    public static ChatDelta finish(String reason) {
        return new ChatDelta(null, List.of(), reason);
    }

    /** A fragment of a tool call: the first fragment of a call has its id and name. */
    public record ToolCallDelta(
            int index,
            @Nullable String id,
            @Nullable String name,
            @Nullable String arguments) {}
}
