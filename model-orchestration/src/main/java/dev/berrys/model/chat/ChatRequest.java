package dev.berrys.model.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's chat completion request as {@code /v1/chat/completions} reads it. Fields Berrys does not
 * interpret are kept in the raw JSON that is forwarded to OpenAI-compatible upstreams.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatRequest(
        @Nullable String model,
        @Nullable List<Message> messages,
        @Nullable List<Tool> tools,
        @JsonProperty("tool_choice") @Nullable JsonNode toolChoice,
        @JsonProperty("response_format") @Nullable ResponseFormat responseFormat,
        @Nullable Boolean stream,
        @JsonProperty("stream_options") @Nullable StreamOptions streamOptions,
        @Nullable Double temperature,
        @JsonProperty("max_tokens") @Nullable Integer maxTokens,
        @JsonProperty("max_completion_tokens") @Nullable Integer maxCompletionTokens) {

    public boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    public boolean includeUsageInStream() {
        return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
    }

    public List<Message> messageList() {
        return messages == null ? List.of() : messages;
    }

    public List<Tool> toolList() {
        return tools == null ? List.of() : tools;
    }

    /** The JSON schema asked for in {@code response_format}, if any. */
    public @Nullable JsonSchema jsonSchema() {
        return responseFormat != null && "json_schema".equals(responseFormat.type())
                ? responseFormat.jsonSchema()
                : null;
    }

    /** Whether a message carries an image part ({@code image_url}): only a model with {@code vision} may get it. */
    public boolean hasImages() {
        return messageList().stream().anyMatch(Message::hasImage);
    }

    public @Nullable Integer outputLimit() {
        return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(
            String role,
            @Nullable JsonNode content,
            @JsonProperty("tool_calls") @Nullable List<ToolCall> toolCalls,
            @JsonProperty("tool_call_id") @Nullable String toolCallId,
            @Nullable String name) {

        /** The text of the content: a string, or the text parts of a content array joined. */
        public String text() {
            if (content == null || content.isNull()) {
                return "";
            }
            if (content.isString()) {
                return content.asString();
            }
            if (content.isArray()) {
                var out = new StringBuilder();
                for (JsonNode part : content) {
                    JsonNode text = part.get("text");
                    if (text != null && text.isString()) {
                        if (!out.isEmpty()) {
                            out.append('\n');
                        }
                        out.append(text.asString());
                    }
                }
                return out.toString();
            }
            return content.toString();
        }

        boolean hasImage() {
            if (content == null || !content.isArray()) {
                return false;
            }
            for (JsonNode part : content) {
                if ("image_url".equals(part.path("type").asString(""))) {
                    return true;
                }
            }
            return false;
        }

        public List<ToolCall> toolCallList() {
            return toolCalls == null ? List.of() : toolCalls;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ToolCall(@Nullable String id, @Nullable String type, FunctionCall function) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FunctionCall(String name, @Nullable String arguments) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tool(@Nullable String type, @Nullable Function function) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Function(
            @Nullable String name,
            @Nullable String description,
            @Nullable JsonNode parameters) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ResponseFormat(
            @Nullable String type,
            @JsonProperty("json_schema") @Nullable JsonSchema jsonSchema) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JsonSchema(
            @Nullable String name,
            @Nullable JsonNode schema,
            @Nullable Boolean strict) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StreamOptions(
            @JsonProperty("include_usage") @Nullable Boolean includeUsage) {}
}
