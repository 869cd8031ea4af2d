package dev.berrys.contracts.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One message of a chat: {@code system}, {@code user}, {@code assistant} (maybe with tool calls) or {@code tool}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(
        String role,
        @Nullable String content,
        @JsonProperty("tool_calls") @Nullable List<ToolCall> toolCalls,
        @JsonProperty("tool_call_id") @Nullable String toolCallId,
        @Nullable String name) {

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content, null, null, null);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content, null, null, null);
    }

    public static ChatMessage assistant(@Nullable String content, @Nullable List<ToolCall> toolCalls) {
        return new ChatMessage("assistant", content, toolCalls, null, null);
    }

    public static ChatMessage toolResult(String toolCallId, String content) {
        return new ChatMessage("tool", content, null, toolCallId, null);
    }

    /** A call the model asks for; {@code arguments} is a JSON text, as OpenAI sends it. */
    public record ToolCall(String id, String type, FunctionCall function) {
        public static ToolCall function(String id, String name, String arguments) {
            return new ToolCall(id, "function", new FunctionCall(name, arguments));
        }
    }

    public record FunctionCall(String name, String arguments) {}
}
