package dev.berrys.tool.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JsonSchemasTests {
    private final JsonMapper json = JsonMapper.builder().build();
    private final JsonSchemas schemas = new JsonSchemas(json);

    private Map<String, Object> parse(String text) {
        return json.readValue(text, Map.class);
    }

    @Test
    void acceptsAnObjectSchema() {
        assertThat(schemas.schemaProblems(parse("""
                        {"type": "object", "properties": {"q": {"type": "string", "maxLength": 10},
                         "n": {"type": "integer", "minimum": 1}, "tags": {"type": "array", "items": {"$ref": "#/$defs/tag"}}},
                         "required": ["q"], "$defs": {"tag": {"type": "string"}}}
                        """))).isEmpty();
    }

    @Test
    void refusesWhatIsNotAValidSchema() {
        assertThat(schemas.schemaProblems(
                        parse("{\"type\": \"object\", \"properties\": {\"q\": {\"type\": \"strnig\"}}}")))
                .isNotEmpty();
        assertThat(schemas.schemaProblems(parse("{\"type\": \"object\", \"required\": \"q\"}")))
                .isNotEmpty();
        assertThat(schemas.schemaProblems(
                        parse("{\"type\": \"object\", \"properties\": {\"n\": {\"minimum\": \"one\"}}}")))
                .isNotEmpty();
        assertThat(schemas.schemaProblems(parse("{\"type\": \"string\"}")))
                .containsExactly("must be a JSON Schema with \"type\": \"object\"");
        assertThat(schemas.schemaProblems(List.of(1, 2))).containsExactly("must be a JSON Schema object");
    }

    @Test
    void refusesReferencesToOtherDocumentsWithoutFetchingThem() {
        assertThat(
                        schemas.schemaProblems(
                                parse(
                                        "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"http://127.0.0.1:1/evil.json\"}}}")))
                .singleElement()
                .asString()
                .contains("may not refer to other documents");
        assertThat(schemas.schemaProblems(parse("{\"$schema\": \"http://127.0.0.1:1/meta\", \"type\": \"object\"}")))
                .singleElement()
                .asString()
                .contains("$schema");
    }

    @Test
    void validatesArgumentsNamingTheField() {
        String schema = """
                {"type": "object", "properties": {"expression": {"type": "string", "maxLength": 5},
                 "n": {"type": "integer"}}, "required": ["expression"], "additionalProperties": false}
                """;
        assertThat(schemas.validate(schema, Map.of("expression", "1+1"))).isEmpty();
        assertThat(schemas.validate(schema, Map.of())).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("expression");
            assertThat(v.message()).contains("expression");
        });
        assertThat(schemas.validate(schema, Map.of("expression", "1+1+1+1")))
                .singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("expression"));
        assertThat(schemas.validate(schema, Map.of("expression", "1", "n", "two")))
                .singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("n"));
        assertThat(schemas.validate(schema, Map.of("expression", "1", "extra", true)))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("extra"));
    }
}
