package dev.berrys.model.chat;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A provider's complete answer, whatever its wire format: the assistant's text or tool calls, why it
 * stopped ({@code stop}, {@code tool_calls}, {@code length}) and the tokens counted.
 */
public record ChatResult(
        @Nullable String content,
        List<ChatRequest.ToolCall> toolCalls,
        String finishReason,
        long inputTokens,
        long outputTokens) {

    public ChatResult {
        toolCalls = List.copyOf(toolCalls);
    }

    public static ChatResult text(String content, long inputTokens, long outputTokens) {
        return new ChatResult(content, List.of(), "stop", inputTokens, outputTokens);
    }
}
