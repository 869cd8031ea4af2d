package dev.berrys.model.upstream;

import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoice;
import com.anthropic.models.messages.ToolChoiceAny;
import com.anthropic.models.messages.ToolChoiceAuto;
import com.anthropic.models.messages.ToolChoiceTool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.berrys.model.chat.ChatCall;
import dev.berrys.model.chat.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Translates an OpenAI chat request into the Anthropic SDK's {@link MessageCreateParams}: system text
 * apart, tool calls as {@code tool_use} blocks, tool results as {@code tool_result} blocks in a user
 * turn, consecutive turns of one role merged. A JSON schema answer is asked for as a forced call of a
 * tool whose input schema is that schema ({@link #STRUCTURED_TOOL}).
 */
final class AnthropicMessages {
    static final String STRUCTURED_TOOL = "structured_output";
    static final int DEFAULT_MAX_TOKENS = 4096;

    /**
     * The SDK's own Jackson 2 mapper. Caller JSON (the app's Jackson 3 trees) crosses into the SDK's
     * types as text, so that schemas and tool inputs arrive exactly as the caller wrote them.
     */
    static final JsonMapper SDK_JSON = ObjectMappers.jsonMapper();

    private AnthropicMessages() {}

    static MessageCreateParams request(String model, ChatCall call) {
        ChatRequest r = call.request();
        var body = MessageCreateParams.builder()
                .model(model)
                .maxTokens(r.outputLimit() == null ? DEFAULT_MAX_TOKENS : r.outputLimit())
                .messages(List.of());
        if (r.temperature() != null) {
            // not in the SDK's typed builder (the newest models refuse it); the Messages API takes it
            body.putAdditionalBodyProperty("temperature", JsonValue.from(Math.min(1.0, r.temperature())));
        }
        StringBuilder system = new StringBuilder();
        List<Turn> turns = new ArrayList<>();
        for (ChatRequest.Message m : r.messageList()) {
            switch (m.role()) {
                case "system", "developer" ->
                    system.append(system.isEmpty() ? "" : "\n\n").append(m.text());
                case "assistant" -> {
                    List<ContentBlockParam> blocks = turn(turns, true);
                    if (!m.text().isEmpty()) {
                        blocks.add(text(m.text()));
                    }
                    for (ChatRequest.ToolCall c : m.toolCallList()) {
                        blocks.add(ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                                .id(c.id() == null ? "toolu_" + Integer.toHexString(c.hashCode()) : c.id())
                                .name(c.function().name())
                                .input(arguments(c.function().arguments()))
                                .build()));
                    }
                }
                case "tool" ->
                    turn(turns, false)
                            .add(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                                    .toolUseId(m.toolCallId() == null ? "" : m.toolCallId())
                                    .content(m.text())
                                    .build()));
                default -> turn(turns, false).add(text(m.text()));
            }
        }
        for (Turn t : turns) {
            body.addMessage(
                    t.assistant()
                            ? MessageParam.ofAssistantOfContentBlockParams(t.blocks())
                            : MessageParam.ofUserOfContentBlockParams(t.blocks()));
        }
        if (!system.isEmpty()) {
            body.system(system.toString());
        }
        List<Tool> tools = new ArrayList<>();
        for (ChatRequest.Tool t : r.toolList()) {
            // a request's tools were validated: each has a function with a name
            ChatRequest.Function function = Objects.requireNonNull(t.function());
            var tool = Tool.builder()
                    .name(Objects.requireNonNull(function.name()))
                    .inputSchema(inputSchema(function.parameters()));
            if (function.description() != null) {
                tool.description(function.description());
            }
            tools.add(tool.build());
        }
        ChatRequest.JsonSchema schema = r.jsonSchema();
        if (schema != null && schema.schema() != null) {
            tools.add(Tool.builder()
                    .name(STRUCTURED_TOOL)
                    .description("Answer with this tool; its input is the whole answer.")
                    .inputSchema(inputSchema(schema.schema()))
                    .build());
            body.toolChoice(ToolChoice.ofTool(
                    ToolChoiceTool.builder().name(STRUCTURED_TOOL).build()));
        } else if (r.toolChoice() != null && !tools.isEmpty()) {
            toolChoice(body, r.toolChoice());
        }
        if (!tools.isEmpty()
                && !(r.toolChoice() != null && "none".equals(r.toolChoice().asString(null)) && schema == null)) {
            tools.forEach(body::addTool);
        }
        return body.build();
    }

    static String finishReason(String stopReason, boolean structured) {
        return switch (stopReason) {
            case "tool_use" -> structured ? "stop" : "tool_calls";
            case "max_tokens" -> "length";
            default -> "stop";
        };
    }

    /** A tool's input as the JSON text OpenAI's {@code arguments} carry. */
    static String json(JsonValue value) {
        try {
            return SDK_JSON.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new UpstreamException(UpstreamException.Kind.MALFORMED, 200, "malformed answer: tool input");
        }
    }

    private static void toolChoice(MessageCreateParams.Builder body, JsonNode choice) {
        if (choice.isString()) {
            switch (choice.asString()) {
                case "required" ->
                    body.toolChoice(ToolChoice.ofAny(ToolChoiceAny.builder().build()));
                case "auto" ->
                    body.toolChoice(ToolChoice.ofAuto(ToolChoiceAuto.builder().build()));
                default -> {}
            }
        } else if (choice.path("function").path("name").isString()) {
            body.toolChoice(ToolChoice.ofTool(ToolChoiceTool.builder()
                    .name(choice.path("function").path("name").asString())
                    .build()));
        }
    }

    private record Turn(boolean assistant, List<ContentBlockParam> blocks) {}

    private static List<ContentBlockParam> turn(List<Turn> turns, boolean assistant) {
        if (!turns.isEmpty() && turns.getLast().assistant() == assistant) {
            return turns.getLast().blocks();
        }
        Turn turn = new Turn(assistant, new ArrayList<>());
        turns.add(turn);
        return turn.blocks();
    }

    private static ContentBlockParam text(String text) {
        return ContentBlockParam.ofText(TextBlockParam.builder().text(text).build());
    }

    /** The caller's JSON Schema as it is, unknown keywords included; none: an object. */
    private static Tool.InputSchema inputSchema(@Nullable JsonNode parameters) {
        if (parameters == null) {
            return Tool.InputSchema.builder().build();
        }
        try {
            var schema = SDK_JSON.readValue(parameters.toString(), Tool.InputSchema.class);
            if (schema != null) {
                return schema;
            }
        } catch (JacksonException e) {
            // the validator lets only JSON Schemas (objects) through
        }
        return Tool.InputSchema.builder().build();
    }

    private static ToolUseBlockParam.Input arguments(@Nullable String arguments) {
        if (arguments != null && !arguments.isBlank()) {
            try {
                var input = SDK_JSON.readValue(arguments, ToolUseBlockParam.Input.class);
                if (input != null) {
                    return input;
                }
            } catch (JacksonException e) {
                // not a JSON object: sent as an empty input, as before
            }
        }
        return ToolUseBlockParam.Input.builder().build();
    }
}
