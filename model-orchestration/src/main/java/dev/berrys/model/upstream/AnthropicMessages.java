package dev.berrys.model.upstream;

import dev.berrys.model.chat.ChatCall;
import dev.berrys.model.chat.ChatRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates an OpenAI chat request into Anthropic's Messages API: system text apart, tool calls as
 * {@code tool_use} blocks, tool results as {@code tool_result} blocks in a user turn, consecutive turns
 * of one role merged. A JSON schema answer is asked for as a forced call of a tool whose input schema
 * is that schema ({@link #STRUCTURED_TOOL}).
 */
final class AnthropicMessages {
    static final String STRUCTURED_TOOL = "structured_output";
    static final int DEFAULT_MAX_TOKENS = 4096;

    private AnthropicMessages() {}

    static ObjectNode request(JsonMapper json, String model, ChatCall call, boolean stream) {
        ChatRequest r = call.request();
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        body.put("max_tokens", r.outputLimit() == null ? DEFAULT_MAX_TOKENS : r.outputLimit());
        if (r.temperature() != null) {
            body.put("temperature", Math.min(1.0, r.temperature()));
        }
        if (stream) {
            body.put("stream", true);
        }
        StringBuilder system = new StringBuilder();
        ArrayNode messages = body.putArray("messages");
        for (ChatRequest.Message m : r.messageList()) {
            switch (m.role()) {
                case "system", "developer" ->
                    system.append(system.isEmpty() ? "" : "\n\n").append(m.text());
                case "assistant" -> {
                    ArrayNode blocks = turn(messages, "assistant");
                    if (!m.text().isEmpty()) {
                        blocks.addObject().put("type", "text").put("text", m.text());
                    }
                    for (ChatRequest.ToolCall c : m.toolCallList()) {
                        ObjectNode use = blocks.addObject();
                        use.put("type", "tool_use");
                        use.put("id", c.id() == null ? "toolu_" + Integer.toHexString(c.hashCode()) : c.id());
                        use.put("name", c.function().name());
                        use.set("input", arguments(json, c.function().arguments()));
                    }
                }
                case "tool" -> {
                    ObjectNode result = turn(messages, "user").addObject();
                    result.put("type", "tool_result");
                    result.put("tool_use_id", m.toolCallId() == null ? "" : m.toolCallId());
                    result.put("content", m.text());
                }
                default ->
                    turn(messages, "user").addObject().put("type", "text").put("text", m.text());
            }
        }
        if (!system.isEmpty()) {
            body.put("system", system.toString());
        }
        ArrayNode tools = json.createArrayNode();
        for (ChatRequest.Tool t : r.toolList()) {
            ObjectNode tool = tools.addObject();
            tool.put("name", t.function().name());
            if (t.function().description() != null) {
                tool.put("description", t.function().description());
            }
            tool.set(
                    "input_schema",
                    t.function().parameters() == null
                            ? json.createObjectNode().put("type", "object")
                            : t.function().parameters());
        }
        ChatRequest.JsonSchema schema = r.jsonSchema();
        if (schema != null && schema.schema() != null) {
            ObjectNode tool = tools.addObject();
            tool.put("name", STRUCTURED_TOOL);
            tool.put("description", "Answer with this tool; its input is the whole answer.");
            tool.set("input_schema", schema.schema());
            body.putObject("tool_choice").put("type", "tool").put("name", STRUCTURED_TOOL);
        } else if (r.toolChoice() != null && !tools.isEmpty()) {
            toolChoice(body, r.toolChoice());
        }
        if (!tools.isEmpty()
                && !(r.toolChoice() != null && "none".equals(r.toolChoice().asString(null)) && schema == null)) {
            body.set("tools", tools);
        }
        return body;
    }

    static String finishReason(String stopReason, boolean structured) {
        return switch (stopReason) {
            case "tool_use" -> structured ? "stop" : "tool_calls";
            case "max_tokens" -> "length";
            default -> "stop";
        };
    }

    private static void toolChoice(ObjectNode body, JsonNode choice) {
        if (choice.isString()) {
            switch (choice.asString()) {
                case "required" -> body.putObject("tool_choice").put("type", "any");
                case "auto" -> body.putObject("tool_choice").put("type", "auto");
                default -> {}
            }
        } else if (choice.path("function").path("name").isString()) {
            body.putObject("tool_choice")
                    .put("type", "tool")
                    .put("name", choice.path("function").path("name").asString());
        }
    }

    private static ArrayNode turn(ArrayNode messages, String role) {
        if (!messages.isEmpty()
                && role.equals(messages.get(messages.size() - 1).path("role").asString())) {
            return (ArrayNode) messages.get(messages.size() - 1).get("content");
        }
        ObjectNode turn = messages.addObject();
        turn.put("role", role);
        return turn.putArray("content");
    }

    private static JsonNode arguments(JsonMapper json, String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(arguments);
            return node != null && node.isObject() ? node : json.createObjectNode();
        } catch (JacksonException e) {
            return json.createObjectNode();
        }
    }
}
