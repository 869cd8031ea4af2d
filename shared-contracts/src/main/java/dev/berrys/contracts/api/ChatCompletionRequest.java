package dev.berrys.contracts.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The subset of OpenAI's chat completion request that Berrys services send to model-orchestration's
 * {@code POST /v1/chat/completions}. {@code model} may be {@code "auto"} to let the router choose.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(
        String model,
        List<ChatMessage> messages,
        @Nullable List<ToolDefinition> tools,
        @JsonProperty("response_format") @Nullable ResponseFormat responseFormat,
        @Nullable Boolean stream,
        @Nullable Double temperature,
        @JsonProperty("max_tokens") @Nullable Integer maxTokens) {

    public record ToolDefinition(String type, Function function) {
        public static ToolDefinition function(String name, String description, Map<String, Object> parameters) {
            return new ToolDefinition("function", new Function(name, description, parameters));
        }
    }

    public record Function(String name, @Nullable String description, Map<String, Object> parameters) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResponseFormat(
            String type,
            @JsonProperty("json_schema") @Nullable JsonSchema jsonSchema) {
        public static ResponseFormat jsonSchema(String name, Map<String, Object> schema) {
            return new ResponseFormat("json_schema", new JsonSchema(name, schema, true));
        }
    }

    public record JsonSchema(
            String name,
            Map<String, Object> schema,
            @Nullable Boolean strict) {}
}
