package dev.berrys.model.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.model.Api;
import dev.berrys.model.ModelIT;
import dev.berrys.starter.test.model.Answers;
import dev.berrys.starter.test.model.FakeModelServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * One call's time budget covers every retry and candidate, and the status of a call no model answered
 * tells an outage (503: wait) from a model's failed answer (500 {@code model-call-failed}: an attempt).
 */
@ModelIT
@TestPropertySource(properties = "berrys.outage.model-call-budget=2s")
class CallBudgetIT {
    @LocalServerPort
    int port;

    RoutingIT r = new RoutingIT();

    @BeforeEach
    void setUp() {
        r.api = Api.ofNewTenant(port);
        r.openai = FakeModelServer.openAi();
        r.backup = FakeModelServer.openAi();
        r.anthropic = FakeModelServer.anthropic();
    }

    @AfterEach
    void tearDown() {
        r.openai.close();
        r.backup.close();
        r.anthropic.close();
    }

    @Test
    void noTryOrBackoffStartsPastTheCallBudgetAcrossRetriesAndCandidates() {
        // unbounded: 6 tries of 600 ms and their backoffs on the first model, then the backup: over 4 s
        r.setUpPrimaryWithBackup(Map.of("maxRetries", 5, "timeoutMs", 600));
        r.openai.always(Answers.slow(1_500));
        r.backup.always(Answers.status(503, null));

        long start = System.nanoTime();
        var response = r.chat("fake-gpt", false, false);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.json().get("type").asString()).endsWith("/provider-unavailable");
        assertThat(millis).isLessThan(2_000 + 600 + 500);
        assertThat(r.openai.requests().size()).isBetween(2, 4);
        // whether a moment of the budget is left for the backup depends on the backoffs' jitter: either it is
        // skipped for the spent budget or tried inside it (the time bound above), never for long
        assertThat(r.backup.requests().size()).as("the backup's tries").isLessThanOrEqualTo(2);
        if (r.backup.requests().isEmpty()) {
            assertThat(r.attempts(response))
                    .extracting(a ->
                            a.get("model").asString() + ":" + a.path("reason").asString(""))
                    .contains("backup-gpt:call budget spent");
        }
    }

    @Test
    void aCallEveryModelAnsweredBadlyIsTheWorksFailureNotAnOutage() {
        r.setUpPrimaryWithBackup(Map.of("maxRetries", 1));
        r.openai.always(Answers.malformed());
        r.backup.always(Answers.malformed());

        var response = r.chat("fake-gpt", false, false);

        assertThat(response.status()).as(response.body()).isEqualTo(500);
        assertThat(response.json().get("type").asString()).isEqualTo("https://berrys.dev/problems/model-call-failed");
        assertThat(response.json().get("detail").asString()).contains("malformed");
        assertThat(response.json().get("attempts")).hasSize(2);
    }
}
