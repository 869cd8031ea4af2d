package dev.berrys.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.model.Api;
import dev.berrys.model.ModelIT;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** A provider seeded from OPENAI_API_KEY is bound to its configured URL and key for every tenant. */
@ModelIT
@TestPropertySource(
        properties = {
            "berrys.model.openai.api-key=" + ConfiguredProviderIT.PLATFORM_KEY,
            "berrys.model.openai.base-url=http://127.0.0.1:9/v1",
            "berrys.model.simulated.enabled=true"
        })
class ConfiguredProviderIT {
    static final String PLATFORM_KEY = "sk-platform-key-not-for-tenants";

    @LocalServerPort
    int port;

    @Test
    void noTenantCanMoveRekeyRenameOrDeleteAProviderFromTheEnvironment() {
        Api api = Api.ofNewTenant(port);
        JsonNode openai = openai(api);
        assertThat(openai.get("configured").asBoolean()).isTrue();
        assertThat(openai.get("apiKeySource").asString()).isEqualTo("environment");
        String path = "/api/providers/" + openai.get("id").asString();

        var elsewhere = api.put(
                path, Map.of("name", "openai", "type", "OPENAI_COMPATIBLE", "baseUrl", "http://localhost:9/steal"));
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(409);
        assertThat(elsewhere.json().get("type").asString()).endsWith("/provider-configured");
        assertThat(api.put(path, Map.of("name", "openai", "type", "OPENAI_COMPATIBLE", "apiKey", "sk-mine"))
                        .status())
                .isEqualTo(409);
        assertThat(api.put(path, Map.of("name", "renamed", "type", "OPENAI_COMPATIBLE"))
                        .status())
                .isEqualTo(409);
        assertThat(api.put(path, Map.of("name", "openai", "type", "OLLAMA")).status())
                .isEqualTo(409);
        assertThat(api.delete(path).status()).isEqualTo(409);

        JsonNode unchanged = openai(api);
        assertThat(unchanged.get("baseUrl").asString()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(unchanged.get("apiKeySource").asString()).isEqualTo("environment");

        var disabled = api.put(path, Map.of("name", "openai", "type", "OPENAI_COMPATIBLE", "enabled", false));
        assertThat(disabled.status())
                .as("switching it off for one tenant is fine")
                .isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(disabled.json().get("baseUrl").asString()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(disabled.body()).doesNotContain(PLATFORM_KEY);
    }

    private static JsonNode openai(Api api) {
        for (JsonNode p : api.get("/api/providers?size=100").json().get("content")) {
            if ("openai".equals(p.get("name").asString())) {
                return p;
            }
        }
        throw new AssertionError("no openai provider seeded");
    }
}
