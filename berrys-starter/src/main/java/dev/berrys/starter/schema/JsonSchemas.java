package dev.berrys.starter.schema;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Schema (draft 2020-12) for schemas a tenant or a model supplies (tool parameters, a
 * {@code response_format}, an MCP server's input schemas): checks that a schema is one and validates
 * values against it.
 *
 * <p>Nothing is ever fetched: a {@code $ref}, {@code $dynamicRef} or {@code $schema} naming another
 * document is refused by {@link #schemaProblems}, and the validator's loader only reads its own classpath
 * copies of the meta-schemas, so a schema that slipped past the check fails instead of calling out.
 * Tenant {@code pattern}s and {@code patternProperties} run with a bounded amount of work per match (see
 * {@link BoundedPatterns}); a value whose match exceeds it is refused as a violation, never accepted.
 */
public final class JsonSchemas {
    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
    private static final Set<String> KNOWN_DIALECTS = Set.of(META_SCHEMA, META_SCHEMA + "#");
    private static final Set<String> REFERENCES = Set.of("$ref", "$dynamicRef", "$recursiveRef");
    private static final int CACHE_SIZE = 512;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final JsonSchema metaSchema;
    private final Map<String, JsonSchema> compiled = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonSchema> eldest) {
            return size() > CACHE_SIZE;
        }
    });

    /** With the default bound on pattern matching: a million steps plus a hundred per character. */
    public JsonSchemas() {
        this(1_000_000, 100);
    }

    JsonSchemas(long patternBaseBudget, long patternBudgetPerChar) {
        // meta-schemas map to the validator's classpath copies; any other location is refused, not fetched
        this.factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012,
                b -> b.schemaLoaders(loaders -> loaders.values(list -> list.addFirst(
                        new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:"))))));
        this.config = SchemaValidatorsConfig.builder()
                .pathType(PathType.LEGACY)
                .regularExpressionFactory(new BoundedPatterns(patternBaseBudget, patternBudgetPerChar))
                .build();
        this.metaSchema = factory.getSchema(SchemaLocation.of(META_SCHEMA), config);
    }

    /** The problems that make {@code schema} unusable; empty when it is a self-contained JSON Schema. */
    public List<String> schemaProblems(JsonNode schema) {
        if (schema.isBoolean()) {
            return List.of();
        }
        if (!schema.isObject()) {
            return List.of("a JSON Schema is an object");
        }
        String remote = remoteReference(schema);
        if (remote != null) {
            return List.of("may not refer to other documents (" + remote + ")");
        }
        String text = JSON.writeValueAsString(schema);
        List<String> problems = messages(metaSchema.validate(text, InputFormat.JSON));
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            compile(text);
        } catch (JsonSchemaException | IllegalArgumentException e) {
            return List.of("cannot be compiled: " + e.getMessage());
        }
        return List.of();
    }

    /**
     * The violations of {@code value} (JSON text) against {@code schema} (JSON text); empty when it fits.
     *
     * @throws IllegalArgumentException when the schema cannot be compiled (e.g. it refers to a document)
     */
    public List<Violation> validate(String schema, String value) {
        try {
            JSON.readTree(value);
        } catch (JacksonException e) {
            return List.of(new Violation("$", "the value is not JSON"));
        }
        JsonSchema compiledSchema;
        try {
            compiledSchema = compile(schema);
        } catch (JsonSchemaException e) {
            throw new IllegalArgumentException("the schema cannot be compiled", e);
        }
        try {
            return compiledSchema.validate(value, InputFormat.JSON).stream()
                    .map(m -> new Violation(field(m), m.getMessage()))
                    .sorted(Comparator.comparing(Violation::message))
                    .toList();
        } catch (BoundedPatterns.TooComplex e) {
            return List.of(new Violation(
                    "$", "a pattern of the schema needs too many steps to match the value; the value is refused"));
        } catch (JsonSchemaException e) {
            throw new IllegalArgumentException("the schema cannot be used", e);
        }
    }

    /** {@link #validate(String, String)} for a schema and a value as Jackson trees or plain objects. */
    public List<Violation> validate(Object schema, Object value) {
        return validate(asJson(schema), asJson(value));
    }

    private static String asJson(Object o) {
        return o instanceof String s ? s : JSON.writeValueAsString(o);
    }

    private JsonSchema compile(String schema) {
        JsonSchema found = compiled.get(schema);
        if (found == null) {
            found = factory.getSchema(schema, InputFormat.JSON, config);
            compiled.put(schema, found);
        }
        return found;
    }

    private static List<String> messages(Set<ValidationMessage> found) {
        return found.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The field a message concerns, as a path without the root ({@code a.b}, {@code $} for the value). */
    private static String field(ValidationMessage m) {
        String at = m.getInstanceLocation().toString();
        if (m.getProperty() != null && !m.getProperty().isBlank()) {
            return at.equals("$") ? m.getProperty() : stripRoot(at) + "." + m.getProperty();
        }
        return stripRoot(at);
    }

    private static String stripRoot(String path) {
        return path.startsWith("$.") ? path.substring(2) : path;
    }

    /** A reference outside the document or an unknown {@code $schema}, else null. */
    private static @Nullable String remoteReference(JsonNode node) {
        if (node.isObject()) {
            for (var entry : node.properties()) {
                String key = entry.getKey();
                JsonNode value = entry.getValue();
                if (REFERENCES.contains(key)
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

    /** One way a value misses its schema: the field it concerns ({@code $} for the whole value) and why. */
    public record Violation(String field, String message) {}
}
