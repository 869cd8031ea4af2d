package dev.berrys.model.simulated;

import java.util.Iterator;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a value that fits a JSON Schema, for the simulated model's tool arguments and structured
 * answers. Property names steer the values (an {@code expression} gets arithmetic, a {@code url} a URL,
 * a {@code content} the given text) so that the real tools can run them.
 */
final class SchemaInstances {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SplittableRandom random;
    private final String title;
    private final String text;

    SchemaInstances(SplittableRandom random, String title, String text) {
        this.random = random;
        this.title = title;
        this.text = text;
    }

    JsonNode instance(@Nullable JsonNode schema) {
        return value("value", schema, 0);
    }

    private JsonNode value(String name, @Nullable JsonNode schema, int depth) {
        if (schema == null || !schema.isObject() || depth > 6) {
            return NODES.stringNode(stringFor(name));
        }
        JsonNode constant = schema.get("const");
        if (constant != null) {
            return constant;
        }
        JsonNode options = schema.get("enum");
        if (options != null && options.isArray() && !options.isEmpty()) {
            return options.get(0);
        }
        for (String combinator : new String[] {"anyOf", "oneOf", "allOf"}) {
            JsonNode alternatives = schema.get(combinator);
            if (alternatives != null && alternatives.isArray() && !alternatives.isEmpty()) {
                return value(name, alternatives.get(0), depth + 1);
            }
        }
        String type = type(schema);
        return switch (type) {
            case "object" -> object(schema, depth);
            case "array" -> array(name, schema, depth);
            case "integer" -> NODES.numberNode(integer(schema));
            case "number" -> NODES.numberNode(integer(schema) + 0.5);
            case "boolean" -> NODES.booleanNode(true);
            case "null" -> NODES.nullNode();
            default -> NODES.stringNode(stringFor(name));
        };
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode out = NODES.objectNode();
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject()) {
            for (String property : properties.propertyNames()) {
                out.set(property, value(property, properties.get(property), depth + 1));
            }
        }
        return out;
    }

    private ArrayNode array(String name, JsonNode schema, int depth) {
        ArrayNode out = NODES.arrayNode();
        JsonNode items = schema.get("items");
        int count = Math.max(1, schema.path("minItems").asInt(1));
        for (int i = 0; i < Math.min(count, 5); i++) {
            out.add(value(name, items, depth + 1));
        }
        return out;
    }

    private long integer(JsonNode schema) {
        long min = schema.path("minimum").asLong(1);
        long max = schema.path("maximum").asLong(min + 99);
        return max <= min ? min : min + random.nextLong(max - min + 1);
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isString()) {
            return type.asString();
        }
        if (type != null && type.isArray()) {
            for (Iterator<JsonNode> it = type.iterator(); it.hasNext(); ) {
                String t = it.next().asString();
                if (!"null".equals(t)) {
                    return t;
                }
            }
        }
        return schema.has("properties") ? "object" : "string";
    }

    private String stringFor(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("expr") || n.contains("formula") || n.contains("calculation")) {
            int a = 2 + random.nextInt(40);
            int b = 2 + random.nextInt(12);
            int c = 1 + random.nextInt(9);
            return "(" + a + " + " + b + ") * " + c;
        }
        if (n.contains("url") || n.contains("uri") || n.contains("link")) {
            return "https://example.com/";
        }
        if (n.equals("method")) {
            return "GET";
        }
        if (n.contains("name") || n.contains("path") || n.contains("file") || n.contains("key")) {
            return slug(title) + ".md";
        }
        if (n.contains("content") || n.contains("text") || n.contains("body") || n.contains("data")) {
            return text;
        }
        return Prompts.shorten(title, 120);
    }

    static String slug(String title) {
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty()
                ? "artifact"
                : s.substring(0, Math.min(48, s.length())).replaceAll("-$", "");
    }
}
