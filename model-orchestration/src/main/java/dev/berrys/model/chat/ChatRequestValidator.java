package dev.berrys.model.chat;

import dev.berrys.starter.schema.JsonSchemas;
import dev.berrys.starter.web.ProblemException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Refuses a malformed chat request with a 400 naming the field, before anything is routed or stored. */
@Component
public class ChatRequestValidator {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private final JsonSchemas schemas;

    ChatRequestValidator(JsonSchemas schemas) {
        this.schemas = schemas;
    }

    public void validate(ChatRequest request) {
        List<ChatRequest.Message> messages = request.messageList();
        if (messages.isEmpty()) {
            throw new ProblemException.BadRequest("messages", "Field 'messages' must hold at least one message.");
        }
        for (int i = 0; i < messages.size(); i++) {
            ChatRequest.Message m = messages.get(i);
            if (m == null || m.role() == null || !ROLES.contains(m.role())) {
                throw new ProblemException.BadRequest(
                        "messages[" + i + "].role", "Field 'messages[" + i + "].role' must be one of " + ROLES + ".");
            }
        }
        List<ChatRequest.Tool> tools = request.toolList();
        for (int i = 0; i < tools.size(); i++) {
            validateTool(tools.get(i), "tools[" + i + "]");
        }
        ChatRequest.JsonSchema schema = request.jsonSchema();
        if (request.responseFormat() != null
                && "json_schema".equals(request.responseFormat().type())) {
            if (schema == null || schema.schema() == null) {
                throw invalid("response_format.json_schema.schema", "must hold the JSON Schema of the answer");
            }
            checkSchema(schema.schema(), "response_format.json_schema.schema");
        }
        if (request.temperature() != null && (request.temperature() < 0 || request.temperature() > 2)) {
            throw invalid("temperature", "must be between 0 and 2");
        }
        if (request.outputLimit() != null && request.outputLimit() < 1) {
            throw invalid(
                    request.maxCompletionTokens() != null ? "max_completion_tokens" : "max_tokens",
                    "must be at least 1");
        }
    }

    private void validateTool(ChatRequest.Tool tool, String path) {
        if (tool == null || tool.function() == null) {
            throw invalid(path + ".function", "must describe the function");
        }
        if (tool.type() != null && !"function".equals(tool.type())) {
            throw invalid(path + ".type", "must be 'function'");
        }
        String name = tool.function().name();
        if (name == null || !TOOL_NAME.matcher(name).matches()) {
            throw invalid(path + ".function.name", "must be 1 to 64 letters, digits, '_' or '-'");
        }
        if (tool.function().parameters() != null
                && !tool.function().parameters().isNull()) {
            checkSchema(tool.function().parameters(), path + ".function.parameters");
        }
    }

    private void checkSchema(JsonNode schema, String field) {
        List<String> problems = schemas.schemaProblems(schema);
        if (!problems.isEmpty()) {
            throw invalid(field, "is not a valid JSON Schema: " + String.join("; ", problems));
        }
    }

    /** Thrown where it is made, so that the checks after it see what it ruled out. */
    private static ProblemException.BadRequest invalid(String field, String message) {
        return new ProblemException.BadRequest(field, "Field '" + field + "' " + message + ".");
    }
}
