package dev.berrys.model.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * JSON Schema checks with networknt's validator (draft 2020-12): that a tool's {@code parameters} or a
 * {@code response_format} schema is a schema at all, and that a structured answer fits its schema.
 */
@Component
public class JsonSchemas {
    private static final int CACHE_LIMIT = 1_000;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final JsonSchema metaSchema =
            factory.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    private final ObjectMapper jackson2 = new ObjectMapper();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    /** The problems that make {@code schema} no valid JSON Schema; empty when it is one. */
    public List<String> schemaProblems(JsonNode schema) {
        if (!schema.isObject() && !schema.isBoolean()) {
            return List.of("a JSON Schema is an object");
        }
        return messages(metaSchema.validate(schema.toString(), InputFormat.JSON));
    }

    /** The ways {@code answer} (JSON text) misses {@code schema}; empty when it fits. */
    public List<String> violations(JsonNode schema, String answer) {
        String key = schema.toString();
        JsonSchema compiledSchema = compiled.get(key);
        if (compiledSchema == null) {
            compiledSchema = factory.getSchema(key);
            if (compiled.size() < CACHE_LIMIT) {
                compiled.put(key, compiledSchema);
            }
        }
        try {
            jackson2.readTree(answer);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of("the answer is not JSON");
        }
        return messages(compiledSchema.validate(answer, InputFormat.JSON));
    }

    private static List<String> messages(java.util.Set<ValidationMessage> found) {
        return found.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
