package dev.berrys.starter.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonSchemasTests {
    private final JsonMapper json = JsonMapper.builder().build();
    private final JsonSchemas schemas = new JsonSchemas();
    private final List<String> hits = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] schema = "{\"type\": \"string\"}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            hits.add(exchange.getRequestURI().toString());
            exchange.getResponseHeaders().set("Content-Type", "application/schema+json");
            exchange.sendResponseHeaders(200, schema.length);
            exchange.getResponseBody().write(schema);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private JsonNode parse(String text) {
        return json.readTree(text);
    }

    private String local(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void acceptsASelfContainedSchemaWithLocalReferences() {
        assertThat(schemas.schemaProblems(parse("""
                        {"type": "object", "properties": {"q": {"type": "string", "maxLength": 10},
                         "n": {"type": "integer", "minimum": 1}, "tags": {"type": "array", "items": {"$ref": "#/$defs/tag"}}},
                         "required": ["q"], "$defs": {"tag": {"type": "string"}}}
                        """))).isEmpty();
        assertThat(schemas.schemaProblems(parse("true"))).isEmpty();
    }

    @Test
    void refusesWhatIsNotAValidSchema() {
        assertThat(schemas.schemaProblems(
                        parse("{\"type\": \"object\", \"properties\": {\"q\": {\"type\": \"strnig\"}}}")))
                .isNotEmpty();
        assertThat(schemas.schemaProblems(parse("{\"type\": \"object\", \"required\": \"q\"}")))
                .isNotEmpty();
        assertThat(schemas.schemaProblems(parse("[1, 2]"))).containsExactly("a JSON Schema is an object");
    }

    @Test
    void refusesReferencesToOtherDocumentsAndNeverFetchesThem() {
        var remoteRef = parse("{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"" + local("/x") + "\"}}}");
        assertThat(schemas.schemaProblems(remoteRef))
                .singleElement()
                .asString()
                .contains("may not refer to other documents");
        assertThat(schemas.schemaProblems(parse("{\"$schema\": \"" + local("/meta") + "\", \"type\": \"object\"}")))
                .singleElement()
                .asString()
                .contains("$schema");
        assertThat(schemas.schemaProblems(parse("{\"$dynamicRef\": \"" + local("/d") + "\"}")))
                .isNotEmpty();

        // a caller that validates without checking first gets an error, not a fetch
        assertThatThrownBy(() -> schemas.validate(remoteRef, Map.of("a", "text")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schemas.validate("{\"$ref\": \"" + local("/y") + "\"}", "\"text\""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(hits).isEmpty();
    }

    @Test
    void theHelperEveryServiceIsGivenIsThisOneAndFetchesNothingEither() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JsonSchemaAutoConfiguration.class))
                .run(context -> {
                    JsonSchemas injected = context.getBean(JsonSchemas.class);
                    String remote =
                            "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"" + local("/z") + "\"}}}";
                    assertThat(injected.schemaProblems(parse(remote)))
                            .singleElement()
                            .asString()
                            .contains("may not refer to other documents");
                    assertThatThrownBy(() -> injected.validate(remote, "{\"a\": \"text\"}"))
                            .isInstanceOf(IllegalArgumentException.class);
                });
        assertThat(hits).isEmpty();
    }

    @Test
    void validatesValuesNamingTheField() {
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
        assertThat(schemas.validate(schema, "{not json")).singleElement().satisfies(v -> assertThat(v.message())
                .contains("not JSON"));
    }

    @Test
    void aCatastrophicPatternIsRefusedQuicklyInsteadOfBacktrackingForever() {
        String evil = "a".repeat(5_000) + "b";
        String pattern = "{\"type\": \"string\", \"pattern\": \"^(a+)+$\"}";
        String keys =
                "{\"type\": \"object\", \"patternProperties\": {\"^(a+)+$\": {}}, \"additionalProperties\": false}";
        assertThat(schemas.schemaProblems(parse(pattern))).isEmpty();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(schemas.validate(pattern, json.writeValueAsString(evil)))
                    .singleElement()
                    .satisfies(v -> assertThat(v.message()).contains("too many steps"));
            assertThat(schemas.validate(keys, Map.of(evil, 1))).isNotEmpty();
        });
        // the same patterns still work on values they match or miss cheaply
        assertThat(schemas.validate(pattern, "\"aaaa\"")).isEmpty();
        assertThat(schemas.validate(pattern, "\"ab\"")).singleElement();
        assertThat(schemas.validate(keys, Map.of("aaa", 1))).isEmpty();
    }

    @Test
    void aLongValueWithAnOrdinaryPatternIsJudgedWithinTheBudget() {
        String pattern = "{\"type\": \"string\", \"pattern\": \"^[a-z-]+$\"}";
        String value = "abc-".repeat(100_000) + "end";
        assertThat(schemas.validate(pattern, json.writeValueAsString(value))).isEmpty();
        assertThat(schemas.validate(pattern, json.writeValueAsString(value + "!")))
                .singleElement();
    }
}
