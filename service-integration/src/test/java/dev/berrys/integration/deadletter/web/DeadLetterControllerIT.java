package dev.berrys.integration.deadletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.starter.events.DeadLetters;
import dev.berrys.starter.test.BerrysIntegrationTest;
import dev.berrys.starter.test.TestTokens;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/dead-letters}: a tenant pages through its own letters; an unreadable one is the platform's. */
@BerrysIntegrationTest
class DeadLetterControllerIT {
    @Autowired
    DeadLetters deadLetters;

    @Autowired
    JsonMapper json;

    @LocalServerPort
    int port;

    @Test
    void aTenantPagesThroughItsOwnLettersOnlyAndOnlyThePlatformTenantSeesAnUnreadableOne() {
        String acme = "acme-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            deadLetters.add(letter(event(acme, "letter-" + i)));
        }
        deadLetters.add(letter(event("other-" + UUID.randomUUID(), "not acme's")));
        String unreadable = deadLetters.add(letter("{truncated"));

        JsonNode first = list(acme, "?page=0&size=2");
        assertThat(first.get("totalElements").asLong()).isEqualTo(3);
        assertThat(first.get("totalPages").asInt()).isEqualTo(2);
        assertThat(first.get("content")).hasSize(2);
        assertThat(first.get("content")
                        .get(0)
                        .get("event")
                        .get("data")
                        .get("text")
                        .asString())
                .isEqualTo("letter-2");
        JsonNode second = list(acme, "?page=1&size=2");
        assertThat(second.get("content")).hasSize(1);
        assertThat(second.get("content").get(0).get("event").get("tenant").asString())
                .isEqualTo(acme);
        assertThat(first.toString() + second).doesNotContain("not acme's").doesNotContain(unreadable);

        JsonNode platform = list("default", "?size=500");
        assertThat(platform.get("content").valueStream().map(l -> l.get("id").asString()))
                .contains(unreadable);
        assertThat(http(acme)
                        .post()
                        .uri("/api/dead-letters/" + unreadable + "/replay")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    private JsonNode list(String tenant, String query) {
        String body =
                http(tenant).get().uri("/api/dead-letters" + query).retrieve().body(String.class);
        return json.readTree(body);
    }

    private RestClient http(String tenant) {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + TestTokens.token("ops", tenant, "OPERATOR"))
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {})
                .build();
    }

    private static String event(String tenant, String text) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"project.started\",\"tenant\":\"" + tenant + "\",\"data\":{\"text\":\"" + text
                + "\"}}";
    }

    private static Map<String, String> letter(String event) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event", event);
        fields.put("stream", "berrys.project");
        fields.put("group", "service-integration");
        fields.put("messageId", "1-0");
        fields.put("deliveries", "5");
        fields.put("error", "IllegalStateException: failed");
        fields.put("deadLetteredAt", Instant.now().toString());
        return fields;
    }
}
