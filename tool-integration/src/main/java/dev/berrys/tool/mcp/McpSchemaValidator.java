package dev.berrys.tool.mcp;

import dev.berrys.starter.schema.JsonSchemas;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP SDK's schema validator, backed by {@link JsonSchemas}: the SDK's default one needs a newer
 * json-schema-validator than the platform's, so clients (and test servers) are given this one.
 */
public final class McpSchemaValidator implements JsonSchemaValidator {
    private final JsonSchemas schemas;
    private final JsonMapper json;

    public McpSchemaValidator(JsonSchemas schemas, JsonMapper json) {
        this.schemas = schemas;
        this.json = json;
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object content) {
        try {
            var violations = schemas.validate(json.writeValueAsString(schema), content);
            if (violations.isEmpty()) {
                return ValidationResponse.asValid(json.writeValueAsString(content));
            }
            return ValidationResponse.asInvalid(
                    violations.stream().map(JsonSchemas.Violation::message).collect(Collectors.joining("; ")));
        } catch (RuntimeException e) {
            return ValidationResponse.asInvalid(
                    "schema could not be used: " + e.getClass().getSimpleName());
        }
    }
}
