package dev.berrys.model.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.contracts.api.BerrysHeaders;
import dev.berrys.model.Api;
import dev.berrys.model.ModelIT;
import dev.berrys.starter.test.TestTokens;
import dev.berrys.starter.test.model.Answers;
import dev.berrys.starter.test.model.FakeModelServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Routing policies per task type: what {@code auto} chooses for a call's {@code X-Berrys-Purpose}. */
@ModelIT
class RoutingPolicyIT {
    @LocalServerPort
    int port;

    String tenant;
    Api api;
    FakeModelServer quick;
    FakeModelServer slow;

    @BeforeEach
    void setUp() {
        tenant = "t-" + UUID.randomUUID();
        api = new Api(port, TestTokens.token("admin", tenant, "ADMIN"));
        quick = FakeModelServer.openAi();
        slow = FakeModelServer.openAi().always(Answers.slow(250));
        String simulated =
                api.get("/api/providers").json().get("content").get(0).get("id").asString();
        api.put("/api/providers/" + simulated, Map.of("name", "simulated", "type", "SIMULATED", "enabled", false));
        String q = provider("quick", quick.baseUrl());
        String s = provider("slow", slow.baseUrl());
        model(s, "cheap-slow", List.of("chat", "streaming"), 1.0);
        model(q, "dear-quick", List.of("chat", "streaming"), 5.0);
        model(q, "dear-vision", List.of("chat", "streaming", "vision"), 8.0);
    }

    @AfterEach
    void tearDown() {
        quick.close();
        slow.close();
    }

    @Test
    void aPolicyShapesWhatAutoChoosesForItsTaskTypeOnly() {
        assertThat(auto("plan")).as("without a policy: the cheapest").isEqualTo("cheap-slow");

        var preferring = policy(Map.of("taskType", "plan", "preferredModels", List.of("dear-quick")));
        assertThat(preferring.status()).as(preferring.body()).isEqualTo(201);
        assertThat(auto("plan")).as("the preferred model first").isEqualTo("dear-quick");
        assertThat(auto("task")).as("other task types unchanged").isEqualTo("cheap-slow");
        assertThat(auto(null)).isEqualTo("cheap-slow");
        assertThat(named("cheap-slow", "plan"))
                .as("a named model is not re-routed")
                .isEqualTo("cheap-slow");

        policy(Map.of("taskType", "vision-task", "capabilities", List.of("vision")));
        assertThat(auto("vision-task")).as("capabilities the policy asks for").isEqualTo("dear-vision");

        var ceiling = policy(Map.of("taskType", "synthesis", "maxOutputPricePerMillion", 0.5));
        assertThat(ceiling.status()).isEqualTo(201);
        var none = call("auto", "synthesis");
        assertThat(none.status()).isEqualTo(503);
        assertThat(none.json().get("type").asString()).endsWith("/no-provider-available");

        // the slow model has been seen to be slow: FASTEST prefers the quick one although it costs more
        named("cheap-slow", null);
        named("dear-quick", null);
        var fastest = policy(Map.of("taskType", "chat-fast", "strategy", "FASTEST", "maxOutputPricePerMillion", 6));
        assertThat(fastest.json().get("strategy").asString()).isEqualTo("FASTEST");
        assertThat(auto("chat-fast")).isEqualTo("dear-quick");

        String id = preferring.json().get("id").asString();
        var changed = api.put(
                "/api/routing-policies/" + id, Map.of("taskType", "plan", "preferredModels", List.of("dear-vision")));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(auto("plan")).as("a change applies to the next call").isEqualTo("dear-vision");
        assertThat(api.delete("/api/routing-policies/" + id).status()).isEqualTo(204);
        assertThat(auto("plan")).isEqualTo("cheap-slow");
        assertThat(api.get("/api/routing-policies/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/routing-policies").json()).hasSize(3);
    }

    @Test
    void badPoliciesAreRefusedNamingTheFieldAndNothingIsStored() {
        assertBad(Map.of("taskType", " "), "taskType");
        assertBad(Map.of("taskType", "Plan Stuff"), "taskType");
        assertBad(
                Map.of("taskType", "plan", "preferredModels", List.of("dear-quick", "no-such-model")),
                "preferredModels[1]");
        assertBad(Map.of("taskType", "plan", "capabilities", List.of("telepathy")), "capabilities");
        assertBad(Map.of("taskType", "plan", "maxOutputPricePerMillion", -1), "maxOutputPricePerMillion");
        assertBad(Map.of("taskType", "plan", "strategy", "RANDOM"), "strategy");
        assertThat(api.get("/api/routing-policies").json()).isEmpty();

        assertThat(policy(Map.of("taskType", "plan")).status()).isEqualTo(201);
        var twice = policy(Map.of("taskType", "plan"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("type").asString()).endsWith("/routing-policy-exists");

        var viewer = new Api(port, TestTokens.token("v", tenant, "VIEWER"));
        assertThat(viewer.get("/api/routing-policies").status()).isEqualTo(200);
        assertThat(viewer.post("/api/routing-policies", Map.of("taskType", "task"))
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/routing-policies").json()).hasSize(1);
        assertThat(Api.ofNewTenant(port).get("/api/routing-policies").json())
                .as("another tenant's policies are not seen")
                .isEmpty();
    }

    void assertBad(Map<String, Object> body, String field) {
        var response = policy(body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains(field);
    }

    Api.Response policy(Map<String, Object> body) {
        return api.post("/api/routing-policies", body);
    }

    String auto(String purpose) {
        return named("auto", purpose);
    }

    String named(String model, String purpose) {
        var response = call(model, purpose);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.header("X-Berrys-Model");
    }

    Api.Response call(String model, String purpose) {
        Map<String, String> headers = new HashMap<>();
        if (purpose != null) {
            headers.put(BerrysHeaders.PURPOSE, purpose);
        }
        return api.post(
                "/v1/chat/completions",
                Map.of("model", model, "messages", List.of(Map.of("role", "user", "content", "Say something."))),
                headers);
    }

    String provider(String name, String baseUrl) {
        var response = api.post(
                "/api/providers",
                Map.of("name", name, "type", "OPENAI_COMPATIBLE", "baseUrl", baseUrl, "apiKey", "sk-" + name));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    void model(String providerId, String name, List<String> caps, double outputPrice) {
        var response = api.post(
                "/api/models",
                Map.of(
                        "providerId", providerId,
                        "name", name,
                        "capabilities", caps,
                        "inputPricePerMillion", 0.5,
                        "outputPricePerMillion", outputPrice));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }
}
