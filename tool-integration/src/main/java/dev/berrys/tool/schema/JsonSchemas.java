package dev.berrys.tool.schema;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Schema (draft 2020-12) for tool parameters: checks that a schema is one (against the meta-schema,
 * with no remote references: nothing is ever fetched) and validates arguments against it.
 */
public final class JsonSchemas {
    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
    private static final Set<String> KNOWN_DIALECTS = Set.of(META_SCHEMA, META_SCHEMA + "#");
    private static final int CACHE_SIZE = 512;

    private final JsonMapper json;
    private final JsonSchemaFactory factory;
    private final JsonSchema metaSchema;
    private final Map<String, JsonSchema> compiled = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonSchema> eldest) {
            return size() > CACHE_SIZE;
        }
    });

    public JsonSchemas(JsonMapper json) {
        this.json = json;
        // meta-schemas map to the validator's classpath copies; any other location is refused
        this.factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012,
                b -> b.schemaLoaders(loaders -> loaders.values(list -> list.addFirst(
                        new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:"))))));
        this.metaSchema = factory.getSchema(SchemaLocation.of(META_SCHEMA));
    }

    /** The problems that make {@code schema} unusable as a tool's parameters; empty when it is fine. */
    public List<String> schemaProblems(Object schema) {
        JsonNode node = json.valueToTree(schema);
        if (!node.isObject()) {
            return List.of("must be a JSON Schema object");
        }
        if (!"object".equals(node.path("type").asString(""))) {
            return List.of("must be a JSON Schema with \"type\": \"object\"");
        }
        String remote = remoteReference(node);
        if (remote != null) {
            return List.of("may not refer to other documents (" + remote + ")");
        }
        String text = json.writeValueAsString(node);
        Set<ValidationMessage> messages = metaSchema.validate(text, InputFormat.JSON);
        if (!messages.isEmpty()) {
            return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
        }
        try {
            compile(text);
        } catch (JsonSchemaException | IllegalArgumentException e) {
            return List.of("cannot be compiled: " + e.getMessage());
        }
        return List.of();
    }

    /** The violations of {@code arguments} against {@code schema}; empty when valid. */
    public List<Violation> validate(String schema, Object arguments) {
        Set<ValidationMessage> messages =
                compile(schema).validate(json.writeValueAsString(arguments), InputFormat.JSON);
        return messages.stream()
                .map(m -> new Violation(field(m), m.getMessage()))
                .sorted((a, b) -> a.message().compareTo(b.message()))
                .toList();
    }

    private JsonSchema compile(String schema) {
        return compiled.computeIfAbsent(schema, s -> factory.getSchema(s, InputFormat.JSON));
    }

    private static String field(ValidationMessage m) {
        if (m.getProperty() != null && !m.getProperty().isBlank()) {
            String at = m.getInstanceLocation().toString();
            return at.equals("$") ? m.getProperty() : stripRoot(at) + "." + m.getProperty();
        }
        return stripRoot(m.getInstanceLocation().toString());
    }

    private static String stripRoot(String path) {
        return path.startsWith("$.") ? path.substring(2) : path.equals("$") ? "arguments" : path;
    }

    /** A {@code $ref}/{@code $dynamicRef} outside the document or an unknown {@code $schema}, else null. */
    private static @Nullable String remoteReference(JsonNode node) {
        if (node.isObject()) {
            for (var entry : node.properties()) {
                String key = entry.getKey();
                JsonNode value = entry.getValue();
                if ((key.equals("$ref") || key.equals("$dynamicRef"))
                        && value.isString()
                        && !value.asString().startsWith("#")) {
                    return key + ": " + value.asString();
                }
                if (key.equals("$schema") && value.isString() && !KNOWN_DIALECTS.contains(value.asString())) {
                    return "$schema: " + value.asString();
                }
                String inner = remoteReference(value);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                String inner = remoteReference(item);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** One problem with the arguments: the field it concerns and a message naming it. */
    public record Violation(String field, String message) {}
}
