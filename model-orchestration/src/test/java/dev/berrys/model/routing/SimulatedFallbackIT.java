package dev.berrys.model.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.model.Api;
import dev.berrys.model.ModelIT;
import dev.berrys.starter.test.model.Answers;
import dev.berrys.starter.test.model.FakeModelServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** {@code BERRYS_SIMULATED_FALLBACK=true}: a deployment that wants it may let the simulated model stand in. */
@ModelIT
@TestPropertySource(properties = "berrys.model.simulated.fallback=true")
class SimulatedFallbackIT {
    @LocalServerPort
    int port;

    @Test
    void autoFallsBackToTheSimulatedModelWhenTheRealOneFailsAndSaysSo() {
        Api api = Api.ofNewTenant(port);
        try (FakeModelServer real = FakeModelServer.openAi()) {
            var provider = api.post(
                    "/api/providers",
                    Map.of(
                            "name", "real",
                            "type", "OPENAI_COMPATIBLE",
                            "baseUrl", real.baseUrl(),
                            "apiKey", "sk-real",
                            "settings", Map.of("maxRetries", 0)));
            assertThat(provider.status()).as(provider.body()).isEqualTo(201);
            var model = api.post(
                    "/api/models",
                    Map.of(
                            "providerId",
                            provider.json().get("id").asString(),
                            "name",
                            "real-gpt",
                            "capabilities",
                            List.of("chat")));
            assertThat(model.status()).as(model.body()).isEqualTo(201);
            real.always(Answers.status(500, null));

            var answered = api.post(
                    "/v1/chat/completions",
                    Map.of("model", "auto", "messages", List.of(Map.of("role", "user", "content", "Say something."))));

            assertThat(answered.status()).as(answered.body()).isEqualTo(200);
            assertThat(answered.header("X-Berrys-Simulated")).isEqualTo("true");
            assertThat(answered.header("X-Berrys-Model")).startsWith("berrys-simulated");
            assertThat(real.requests()).as("the real model was tried first").isNotEmpty();
        }
    }
}
