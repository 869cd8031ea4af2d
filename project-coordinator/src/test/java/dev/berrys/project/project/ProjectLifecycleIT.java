package dev.berrys.project.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.contracts.events.EventTypes;
import dev.berrys.project.support.Api;
import dev.berrys.project.support.IntegrationTestBase;
import dev.berrys.starter.test.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class ProjectLifecycleIT extends IntegrationTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void aCreatedProjectIsADraftWithItsLocationAndIsPublished() {
        Api.Response created = api.post("/api/projects", admin(), """
                {"name":"Market study","goal":"Compare three databases","budgetUsd":2.5,"budgetTokens":100000,\
                "requirePlanApproval":true}""");

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.body();
        String id = body.get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/projects/" + id);
        assertThat(body.get("status").asString()).isEqualTo("DRAFT");
        assertThat(body.get("name").asString()).isEqualTo("Market study");
        assertThat(body.get("goal").asString()).isEqualTo("Compare three databases");
        assertThat(body.get("budgetUsd").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(body.get("budgetTokens").asLong()).isEqualTo(100000);
        assertThat(body.get("requirePlanApproval").asBoolean()).isTrue();
        assertThat(body.get("progress").get("done").asInt()).isZero();
        assertThat(body.get("costUsd").decimalValue()).isZero();
        assertThat(body.get("createdAt").asString()).isNotBlank();
        assertThat(body.get("startedAt").isNull()).isTrue();

        assertThat(project(UUID.fromString(id)).get("name").asString()).isEqualTo("Market study");
        assertThat(published(UUID.fromString(id))).containsExactly(EventTypes.PROJECT_CREATED);
    }

    @Test
    void startMovesADraftToPlanningOncePublishingProjectStarted() {
        UUID id = createProject("\"budgetUsd\":1");

        Api.Response started = api.post("/api/projects/" + id + "/start", admin(), null);
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.body().get("status").asString()).isEqualTo("PLANNING");
        assertThat(started.body().get("startedAt").asString()).isNotBlank();
        JsonNode event = published(id, EventTypes.PROJECT_STARTED).getFirst();
        assertThat(event.get("projectId").asString()).isEqualTo(id.toString());
        assertThat(event.get("goal").asString()).isEqualTo("Compare three databases");
        assertThat(event.get("budgetUsd").decimalValue()).isEqualByComparingTo("1");

        Api.Response again = api.post("/api/projects/" + id + "/start", admin(), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("type").asString()).isEqualTo("https://berrys.dev/problems/illegal-transition");
        assertThat(again.body().get("detail").asString()).contains("PLANNING");
        assertThat(published(id, EventTypes.PROJECT_STARTED)).hasSize(1);
    }

    @Test
    void pauseAndResumeReturnToTheStatusItHad() {
        UUID id = startedProject("");

        Api.Response paused = api.post("/api/projects/" + id + "/pause", admin(), "{\"reason\":\"lunch\"}");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.body().get("status").asString()).isEqualTo("PAUSED");
        assertThat(paused.body().get("statusReason").asString()).isEqualTo("lunch");
        assertThat(api.post("/api/projects/" + id + "/pause", admin(), null).status())
                .isEqualTo(409);

        Api.Response resumed = api.post("/api/projects/" + id + "/resume", admin(), null);
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.body().get("status").asString()).isEqualTo("PLANNING");
        assertThat(resumed.body().get("statusReason").isNull()).isTrue();
        assertThat(api.post("/api/projects/" + id + "/resume", admin(), null).status())
                .isEqualTo(409);
        assertThat(published(id))
                .contains(EventTypes.PROJECT_PAUSED, EventTypes.PROJECT_RESUMED)
                .filteredOn(EventTypes.PROJECT_PAUSED::equals)
                .hasSize(1);
    }

    @Test
    void aDraftCannotBePausedAndAFinishedProjectCannotBeCancelledAgain() {
        UUID id = createProject("");
        assertThat(api.post("/api/projects/" + id + "/pause", admin(), null).status())
                .isEqualTo(409);

        Api.Response cancelled = api.post("/api/projects/" + id + "/cancel", admin(), null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.body().get("statusReason").asString()).isEqualTo("USER_REQUESTED");
        assertThat(cancelled.body().get("completedAt").asString()).isNotBlank();

        Api.Response again = api.post("/api/projects/" + id + "/cancel", admin(), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("type").asString()).endsWith("/illegal-transition");
        assertThat(api.post("/api/projects/" + id + "/start", admin(), null).status())
                .isEqualTo(409);
        assertThat(api.post("/api/projects/" + id + "/resume", admin(), null).status())
                .isEqualTo(409);
        assertThat(project(id).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(published(id, EventTypes.PROJECT_CANCELLED)).hasSize(1);
    }

    @Test
    void theListIsPagedNewestFirstAndFiltersByStatus() {
        UUID older = createProject("");
        UUID newer = startedProject("");

        Api.Response planning = api.get("/api/projects?status=PLANNING&size=500", admin());
        assertThat(planning.status()).isEqualTo(200);
        assertThat(ids(planning.body())).contains(newer.toString()).doesNotContain(older.toString());
        assertThat(planning.body().get("content").findValuesAsString("status")).containsOnly("PLANNING");

        Api.Response firstPage = api.get("/api/projects?page=0&size=2", admin());
        assertThat(firstPage.body().get("size").asInt()).isEqualTo(2);
        assertThat(firstPage.body().get("content")).hasSize(2);
        assertThat(firstPage.body().get("totalElements").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(ids(firstPage.body()).getFirst()).isEqualTo(newer.toString());

        assertThat(api.get("/api/projects?status=SLEEPING", admin())
                        .body()
                        .get("field")
                        .asString())
                .isEqualTo("status");
        assertThat(api.get("/api/projects?size=0", admin()).body().get("field").asString())
                .isEqualTo("size");
    }

    @Test
    void badInputIsA400NamingTheFieldAndStoresNothing() {
        long before = count("select count(*) from project");
        assertField(api.post("/api/projects", admin(), "{\"name\":\"x\",\"goal\":\"\"}"), "goal");
        assertField(api.post("/api/projects", admin(), "{\"name\":\"x\",\"goal\":\"   \"}"), "goal");
        assertField(api.post("/api/projects", admin(), "{\"name\":\"x\"}"), "goal");
        assertField(
                api.post("/api/projects", admin(), "{\"name\":\"x\",\"goal\":\"" + "g".repeat(10_001) + "\"}"), "goal");
        assertField(api.post("/api/projects", admin(), "{\"name\":\"\",\"goal\":\"g\"}"), "name");
        assertField(
                api.post("/api/projects", admin(), "{\"name\":\"" + "n".repeat(201) + "\",\"goal\":\"g\"}"), "name");
        assertField(
                api.post("/api/projects", admin(), "{\"name\":\"x\",\"goal\":\"g\",\"budgetUsd\":-1}"), "budgetUsd");
        assertField(
                api.post("/api/projects", admin(), "{\"name\":\"x\",\"goal\":\"g\",\"budgetTokens\":-5}"),
                "budgetTokens");
        assertField(
                api.post("/api/projects", admin(), "{\"name\":\"x\",\"goal\":\"g\",\"budgetUsd\":\"lots\"}"),
                "budgetUsd");

        Api.Response malformed = api.post("/api/projects", admin(), "{\"name\":\"x\",\"goal\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("type").asString()).endsWith("/malformed-json");
        assertThat(api.post("/api/projects", admin(), null).status()).isEqualTo(400);

        assertThat(count("select count(*) from project")).isEqualTo(before);
    }

    @Test
    void aGoalOfExactlyTheLimitIsAccepted() {
        Api.Response created =
                api.post("/api/projects", admin(), "{\"name\":\"x\",\"goal\":\"" + "g".repeat(10_000) + "\"}");
        assertThat(created.status()).isEqualTo(201);
    }

    @Test
    void unknownIdsAre404AndMalformedIdsAre400() {
        UUID unknown = UUID.randomUUID();
        Api.Response missing = api.get("/api/projects/" + unknown, admin());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("type").asString()).endsWith("/not-found");
        assertThat(api.post("/api/projects/" + unknown + "/start", admin(), null)
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/projects/" + unknown + "/cancel", admin(), null)
                        .status())
                .isEqualTo(404);

        Api.Response bad = api.get("/api/projects/not-a-uuid", admin());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("field").asString()).isEqualTo("id");
        assertThat(api.post("/api/projects/not-a-uuid/start", admin(), null).status())
                .isEqualTo(400);
    }

    @Test
    void aViewerReadsButCannotChangeAnything() {
        UUID id = createProject("");
        long before = count("select count(*) from project");

        Api.Response create = api.post("/api/projects", TestTokens.viewer(), "{\"name\":\"x\",\"goal\":\"g\"}");
        assertThat(create.status()).isEqualTo(403);
        assertThat(api.post("/api/projects/" + id + "/start", TestTokens.viewer(), null)
                        .status())
                .isEqualTo(403);
        assertThat(api.patch("/api/projects/" + id + "/budget", TestTokens.viewer(), "{\"budgetUsd\":9}")
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/projects/" + id, TestTokens.viewer()).status()).isEqualTo(200);

        assertThat(count("select count(*) from project")).isEqualTo(before);
        assertThat(project(id).get("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void anotherTenantDoesNotSeeTheProject() {
        UUID id = createProject("");
        String other = TestTokens.token("mallory", "other-tenant", "ADMIN");

        assertThat(api.get("/api/projects/" + id, other).status()).isEqualTo(404);
        assertThat(api.post("/api/projects/" + id + "/start", other, null).status())
                .isEqualTo(404);
        assertThat(api.get("/api/projects/" + id + "/timeline", other).status()).isEqualTo(404);
        assertThat(api.get("/api/projects/" + id + "/events", other).status()).isEqualTo(404);
        assertThat(ids(api.get("/api/projects?size=500", other).body())).doesNotContain(id.toString());
        assertThat(project(id).get("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void withoutATokenNothingIsServed() {
        Api.Response r = api.get("/api/projects", "not-a-token");
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void theProjectsGaugeCountsProjectsPerStatus() throws InterruptedException {
        createProject("");
        Thread.sleep(5_100); // the gauge counts at most every 5 seconds
        long drafts = count("select count(*) from project where status = 'DRAFT'");

        double gauge =
                meters.get("berrys.projects").tag("status", "DRAFT").gauge().value();

        assertThat(gauge).isEqualTo((double) drafts).isPositive();
        assertThat(meters.get("berrys.projects").gauges()).hasSize(ProjectStatus.values().length);
    }

    private static java.util.List<String> ids(JsonNode page) {
        return page.get("content").findValuesAsString("id");
    }

    private static void assertField(Api.Response response, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.body().get("field").asString()).as(response.raw()).isEqualTo(field);
        assertThat(response.body().get("type").asString()).startsWith("https://berrys.dev/problems/");
    }
}
