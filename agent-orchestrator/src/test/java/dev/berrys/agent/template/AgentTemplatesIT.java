package dev.berrys.agent.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.agent.support.AgentIntegrationTest;
import dev.berrys.starter.test.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

class AgentTemplatesIT extends AgentIntegrationTest {

    @Test
    void theSeededTemplatesAreListedWithTheirPromptsToolsModelAndStepLimit() {
        ResponseEntity<JsonNode> response = api(TestTokens.viewer())
                .get()
                .uri("/api/agent-templates?size=100")
                .retrieve()
                .toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, JsonNode> byRole = new HashMap<>();
        response.getBody().path("content").forEach(t -> {
            if (t.path("builtIn").asBoolean()) {
                byRole.put(t.path("role").asString(), t);
            }
        });
        assertThat(byRole).containsKeys("coordinator", "researcher", "developer", "writer", "reviewer");
        assertThat(tools(byRole.get("researcher"))).containsExactly("http_get", "calculator", "workspace_write");
        assertThat(tools(byRole.get("developer"))).containsExactly("calculator", "workspace_write", "workspace_read");
        assertThat(tools(byRole.get("writer"))).containsExactly("workspace_write", "workspace_read");
        assertThat(tools(byRole.get("reviewer"))).containsExactly("workspace_read");
        assertThat(tools(byRole.get("coordinator"))).containsExactly("calculator");
        byRole.values().forEach(t -> {
            assertThat(t.path("name").asString()).isNotBlank();
            assertThat(t.path("systemPrompt").asString()).hasSizeGreaterThan(300);
            assertThat(t.path("model").asString()).isEqualTo("auto");
            assertThat(t.path("maxSteps").asInt()).isEqualTo(6);
        });
        assertThat(response.getBody().path("totalElements").asLong()).isGreaterThanOrEqualTo(5);

        String id = byRole.get("reviewer").path("id").asString();
        JsonNode one =
                admin().get().uri("/api/agent-templates/{id}", id).retrieve().body(JsonNode.class);
        assertThat(one.path("role").asString()).isEqualTo("reviewer");
        assertThat(one.path("systemPrompt").asString()).contains("APPROVED");
    }

    @Test
    void anUnknownTemplateIsA404() {
        var response = admin().get()
                .uri("/api/agent-templates/{id}", UUID.randomUUID())
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getBody().path("type").asString()).isEqualTo("https://berrys.dev/problems/not-found");
    }

    @Test
    void anOperatorAddsATemplateThatOnlyItsTenantSeesAndThatServesItsRole() {
        String role = "analyst-" + UUID.randomUUID().toString().substring(0, 8);
        var created = api(TestTokens.operator())
                .post()
                .uri("/api/agent-templates")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "name",
                        "Analyst",
                        "role",
                        role,
                        "systemPrompt",
                        "You analyse data sets and report the trends you find.",
                        "tools",
                        List.of("calculator")))
                .retrieve()
                .toEntity(JsonNode.class);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = created.getBody();
        assertThat(body.path("model").asString()).isEqualTo("auto");
        assertThat(body.path("maxSteps").asInt()).isEqualTo(6);
        assertThat(body.path("builtIn").asBoolean()).isFalse();
        assertThat(created.getHeaders().getLocation())
                .hasToString("/api/agent-templates/" + body.path("id").asString());
        assertThat(admin().get()
                        .uri("/api/agent-templates/{id}", body.path("id").asString())
                        .retrieve()
                        .toEntity(JsonNode.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        var otherTenant = api(TestTokens.token("someone", "other-tenant", "ADMIN"))
                .get()
                .uri("/api/agent-templates/{id}", body.path("id").asString())
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(otherTenant.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        var again = admin().post()
                .uri("/api/agent-templates")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Analyst 2", "role", role, "systemPrompt", "Another prompt."))
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void aViewerOrAServiceMayNotAddATemplate() {
        String role = "nope-" + UUID.randomUUID().toString().substring(0, 8);
        for (String token : List.of(TestTokens.viewer(), TestTokens.service(TestTokens.TENANT))) {
            var response = api(token)
                    .post()
                    .uri("/api/agent-templates")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", "X", "role", role, "systemPrompt", "Prompt."))
                    .retrieve()
                    .toEntity(JsonNode.class);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(countRole(role)).isZero();
    }

    static List<Object[]> badTemplates() {
        return List.of(
                new Object[] {"name", Map.of("name", " ", "role", "r1", "systemPrompt", "p")},
                new Object[] {"role", Map.of("name", "n", "role", "Not A Role!", "systemPrompt", "p")},
                new Object[] {"role", Map.of("name", "n", "systemPrompt", "p")},
                new Object[] {"systemPrompt", Map.of("name", "n", "role", "r1", "systemPrompt", "")},
                new Object[] {"systemPrompt", Map.of("name", "n", "role", "r1", "systemPrompt", "x".repeat(8001))},
                new Object[] {"maxSteps", Map.of("name", "n", "role", "r1", "systemPrompt", "p", "maxSteps", 0)},
                new Object[] {"maxSteps", Map.of("name", "n", "role", "r1", "systemPrompt", "p", "maxSteps", 51)},
                new Object[] {"maxSteps", Map.of("name", "n", "role", "r1", "systemPrompt", "p", "maxSteps", "six")},
                new Object[] {"tools[0]", Map.of("name", "n", "role", "r1", "systemPrompt", "p", "tools", List.of(" "))
                });
    }

    @ParameterizedTest
    @MethodSource("badTemplates")
    void badInputIsA400NamingTheFieldAndStoresNothing(String field, Map<String, Object> body) {
        String role = String.valueOf(body.getOrDefault("role", "r1"));
        long before = countRole(role);
        var response = admin().post()
                .uri("/api/agent-templates")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().path("field").asString()).startsWith(field.replace("[0]", ""));
        assertThat(countRole(role)).isEqualTo(before);
    }

    private long countRole(String role) {
        return jdbc.queryForObject("select count(*) from agent_template where role = ?", Long.class, role);
    }

    private static List<String> tools(JsonNode template) {
        return template.path("tools").valueStream().map(JsonNode::asString).toList();
    }
}
