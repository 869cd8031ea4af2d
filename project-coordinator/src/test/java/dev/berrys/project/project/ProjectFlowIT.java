package dev.berrys.project.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.ModelEvents;
import dev.berrys.contracts.events.PlanningEvents;
import dev.berrys.project.support.Api;
import dev.berrys.project.support.IntegrationTestBase;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The other services' events move a project along its life. */
class ProjectFlowIT extends IntegrationTestBase {

    @Test
    void aPlanAndTheRunRequestMakeTheProjectRunWithItsProgress() {
        Plan plan = runningProject("", 3);
        UUID id = plan.projectId();

        JsonNode running = project(id);
        assertThat(running.get("planId").asString()).isEqualTo(plan.planId().toString());
        assertThat(running.get("planVersion").asInt()).isEqualTo(1);
        assertThat(running.get("progress").get("total").asInt()).isEqualTo(3);
        JsonNode event = published(id, EventTypes.PROJECT_RUNNING).getFirst();
        assertThat(event.get("planId").asString()).isEqualTo(plan.planId().toString());

        emit(
                Streams.PLANNING,
                EventTypes.TASK_COMPLETED,
                id,
                new PlanningEvents.TaskCompleted(plan.tasks().get(0).taskId(), plan.planId(), id, 1, 3));
        emit(
                Streams.PLANNING,
                EventTypes.TASK_COMPLETED,
                id,
                new PlanningEvents.TaskCompleted(plan.tasks().get(1).taskId(), plan.planId(), id, 2, 3));
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                        project(id).get("progress").get("done").asInt())
                .isEqualTo(2));
    }

    @Test
    void aFailedPlanFailsTheProjectWithItsReason() {
        Plan plan = runningProject("", 2);
        UUID id = plan.projectId();

        emit(
                Streams.PLANNING,
                EventTypes.PLAN_FAILED,
                id,
                new PlanningEvents.PlanFailed(id, plan.planId(), "task 'Draft' failed 3 times: tool timeout"));

        awaitStatus(id, "FAILED");
        JsonNode failed = project(id);
        assertThat(failed.get("statusReason").asString()).isEqualTo("task 'Draft' failed 3 times: tool timeout");
        assertThat(failed.get("completedAt").asString()).isNotBlank();
        assertThat(published(id, EventTypes.PROJECT_FAILED)
                        .getFirst()
                        .get("reason")
                        .asString())
                .contains("tool timeout");
    }

    @Test
    void aFailedProjectIsResumedToRunningAndAnnouncedAsResumed() {
        Plan plan = runningProject("", 2);
        UUID id = plan.projectId();
        emit(Streams.PLANNING, EventTypes.PLAN_FAILED, id, new PlanningEvents.PlanFailed(id, plan.planId(), "boom"));
        awaitStatus(id, "FAILED");

        Api.Response resumed = api.post("/api/projects/" + id + "/resume", admin(), null);

        assertThat(resumed.status()).as(resumed.raw()).isEqualTo(200);
        assertThat(resumed.body().get("status").asString()).isEqualTo("RUNNING");
        assertThat(resumed.body().get("statusReason").isNull()).isTrue();
        assertThat(resumed.body().get("completedAt").isNull()).isTrue();
        assertThat(published(id, EventTypes.PROJECT_RESUMED)).hasSize(1);
        assertThat(api.post("/api/projects/" + id + "/resume", admin(), null).status())
                .as("a RUNNING project cannot be resumed")
                .isEqualTo(409);

        // planning-system's news of the plan it reopened changes nothing more
        UUID reopened = emit(
                Streams.PLANNING,
                EventTypes.PLAN_REOPENED,
                id,
                new PlanningEvents.PlanReopened(plan.planId(), id, "project resumed"));
        await().atMost(WAIT).until(() -> handled(reopened));
        assertThat(published(id, EventTypes.PROJECT_RESUMED)).hasSize(1);
    }

    @Test
    void aPlanReopenedByATaskRetryBringsAFailedProjectBackToRunning() {
        Plan plan = runningProject("", 2);
        UUID id = plan.projectId();
        emit(Streams.PLANNING, EventTypes.PLAN_FAILED, id, new PlanningEvents.PlanFailed(id, plan.planId(), "boom"));
        awaitStatus(id, "FAILED");

        emit(
                Streams.PLANNING,
                EventTypes.PLAN_REOPENED,
                id,
                new PlanningEvents.PlanReopened(plan.planId(), id, "task 'Draft' retried"));

        awaitStatus(id, "RUNNING");
        assertThat(published(id, EventTypes.PROJECT_RESUMED)).hasSize(1);
        emit(
                Streams.PLANNING,
                EventTypes.TASK_SKIPPED,
                id,
                new PlanningEvents.TaskSkipped(plan.tasks().get(0).taskId(), plan.planId(), id, "not needed", 1, 2));
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                        project(id).get("progress").get("done").asInt())
                .as("a skipped task counts as done")
                .isEqualTo(1));
    }

    @Test
    void aCompletedOrCancelledProjectCannotBeResumed() {
        Plan plan = runningProject("", 1);
        UUID id = plan.projectId();
        assertThat(api.post("/api/projects/" + id + "/cancel", admin(), null).status())
                .isEqualTo(200);

        Api.Response again = api.post("/api/projects/" + id + "/resume", admin(), null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("type").asString()).endsWith("/illegal-transition");
        assertThat(again.body().get("detail").asString()).contains("CANCELLED", "PAUSED or FAILED");
    }

    @Test
    void eventsAboutAFinishedProjectAreHandledAndChangeNothing() {
        Plan plan = runningProject("", 2);
        UUID id = plan.projectId();
        assertThat(api.post("/api/projects/" + id + "/cancel", admin(), "{\"reason\":\"changed my mind\"}")
                        .status())
                .isEqualTo(200);
        assertThat(published(id, EventTypes.PROJECT_CANCELLED)
                        .getFirst()
                        .get("reason")
                        .asString())
                .isEqualTo("changed my mind");

        UUID failed = emit(
                Streams.PLANNING,
                EventTypes.PLAN_FAILED,
                id,
                new PlanningEvents.PlanFailed(id, plan.planId(), "too late"));
        UUID exceeded = emit(
                Streams.MODEL,
                EventTypes.BUDGET_EXCEEDED,
                id,
                new ModelEvents.BudgetExceeded(id, BigDecimal.ONE, BigDecimal.ONE, 10, null));
        UUID completed = emit(
                Streams.PLANNING,
                EventTypes.PLAN_COMPLETED,
                id,
                new PlanningEvents.PlanCompleted(plan.planId(), id, "goal", java.util.List.of()));

        await().atMost(WAIT).until(() -> handled(failed) && handled(exceeded) && handled(completed));
        JsonNode after = project(id);
        assertThat(after.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(after.get("statusReason").asString()).isEqualTo("changed my mind");
        assertThat(published(id))
                .doesNotContain(EventTypes.PROJECT_FAILED, EventTypes.PROJECT_PAUSED, EventTypes.PROJECT_COMPLETED);
        assertThat(count("select count(*) from project_result where project_id = ?", id))
                .isZero();
    }

    @Test
    void eventsAboutAnUnknownProjectOrAnotherTenantsProjectAreIgnored() {
        UUID id = startedProject("");
        UUID unknown = emit(
                Streams.PLANNING,
                EventTypes.PLAN_FAILED,
                UUID.randomUUID(),
                new PlanningEvents.PlanFailed(UUID.randomUUID(), null, "nobody's"));
        UUID foreign = emit(
                Streams.PLANNING,
                EventTypes.PLAN_FAILED,
                id,
                new PlanningEvents.PlanFailed(id, null, "another tenant's plan"),
                "other-tenant");

        await().atMost(WAIT).until(() -> handled(unknown) && handled(foreign));
        assertThat(project(id).get("status").asString()).isEqualTo("PLANNING");
    }

    @Test
    void modelCallsAddUpToTheProjectsCostAndTokens() {
        UUID id = startedProject("");
        UUID first =
                emit(Streams.MODEL, EventTypes.MODEL_CALL_RECORDED, UUID.randomUUID(), call(id, "0.0125", 1000, 200));
        UUID second =
                emit(Streams.MODEL, EventTypes.MODEL_CALL_RECORDED, UUID.randomUUID(), call(id, "0.0075", 300, 50));
        UUID other = emit(Streams.MODEL, EventTypes.MODEL_CALL_RECORDED, UUID.randomUUID(), call(null, "5", 1, 1));

        await().atMost(WAIT).until(() -> handled(first) && handled(second) && handled(other));
        JsonNode spent = project(id);
        assertThat(spent.get("costUsd").decimalValue()).isEqualByComparingTo("0.02");
        assertThat(spent.get("tokensUsed").asLong()).isEqualTo(1550);
    }

    @Test
    void anExceededBudgetPausesTheProjectUntilTheBudgetIsRaised() {
        Plan plan = runningProject("\"budgetUsd\":1.00", 2);
        UUID id = plan.projectId();

        emit(
                Streams.MODEL,
                EventTypes.BUDGET_WARNING,
                id,
                new ModelEvents.BudgetWarning(id, new BigDecimal("0.85"), BigDecimal.ONE, 1000, null));
        emit(
                Streams.MODEL,
                EventTypes.BUDGET_EXCEEDED,
                id,
                new ModelEvents.BudgetExceeded(id, new BigDecimal("0.99"), BigDecimal.ONE, 1200, null));

        awaitStatus(id, "PAUSED");
        assertThat(project(id).get("statusReason").asString()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(published(id, EventTypes.PROJECT_PAUSED)
                        .getFirst()
                        .get("reason")
                        .asString())
                .isEqualTo("BUDGET_EXCEEDED");

        Api.Response negative = api.patch("/api/projects/" + id + "/budget", admin(), "{\"budgetUsd\":-3}");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().get("field").asString()).isEqualTo("budgetUsd");
        Api.Response empty = api.patch("/api/projects/" + id + "/budget", admin(), "{}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(project(id).get("budgetUsd").decimalValue()).isEqualByComparingTo("1");

        Api.Response raised = api.patch("/api/projects/" + id + "/budget", admin(), "{\"budgetUsd\":5}");
        assertThat(raised.status()).isEqualTo(200);
        assertThat(raised.body().get("status").asString()).isEqualTo("RUNNING");
        assertThat(raised.body().get("statusReason").isNull()).isTrue();
        assertThat(raised.body().get("budgetUsd").decimalValue()).isEqualByComparingTo("5");
        JsonNode changed = published(id, "project.budget-changed").getFirst();
        assertThat(changed.get("budgetUsd").decimalValue()).isEqualByComparingTo("5");
        assertThat(changed.get("setByRole").asString())
                .as("the role of who changed it goes with the change")
                .isEqualTo("ADMIN");
        assertThat(published(id)).contains(EventTypes.PROJECT_RESUMED);

        JsonNode timeline =
                api.get("/api/projects/" + id + "/timeline?size=100", admin()).body();
        assertThat(timeline.get("content").findValuesAsString("type"))
                .contains(EventTypes.BUDGET_WARNING, EventTypes.BUDGET_EXCEEDED, EventTypes.PROJECT_PAUSED);
    }

    @Test
    void aBudgetChangeOfAProjectPausedByAPersonDoesNotResumeIt() {
        UUID id = startedProject("\"budgetTokens\":1000");
        api.post("/api/projects/" + id + "/pause", admin(), null);

        Api.Response raised = api.patch("/api/projects/" + id + "/budget", admin(), "{\"budgetTokens\":5000}");

        assertThat(raised.body().get("status").asString()).isEqualTo("PAUSED");
        assertThat(raised.body().get("budgetTokens").asLong()).isEqualTo(5000);
        assertThat(published(id)).doesNotContain(EventTypes.PROJECT_RESUMED);
    }

    @Test
    void theTimelineListsTheProjectsEventsOldestFirst() {
        Plan plan = runningProject("", 2);
        UUID id = plan.projectId();
        UUID taskId = plan.tasks().getFirst().taskId();
        emit(
                Streams.PLANNING,
                EventTypes.TASK_STARTED,
                id,
                new PlanningEvents.TaskStarted(taskId, plan.planId(), id, UUID.randomUUID(), UUID.randomUUID()));
        emit(
                Streams.AGENT,
                EventTypes.EXECUTION_COMPLETED,
                id,
                new dev.berrys.contracts.events.AgentEvents.ExecutionCompleted(
                        UUID.randomUUID(), taskId, id, UUID.randomUUID(), 1, "an answer", 10, 20));
        emit(
                Streams.PLANNING,
                EventTypes.TASK_COMPLETED,
                id,
                new PlanningEvents.TaskCompleted(taskId, plan.planId(), id, 1, 2));

        await().atMost(WAIT).untilAsserted(() -> assertThat(types(id)).contains(EventTypes.TASK_COMPLETED));
        assertThat(types(id))
                .containsSubsequence(
                        EventTypes.PROJECT_CREATED,
                        EventTypes.PROJECT_STARTED,
                        EventTypes.PLAN_CREATED,
                        EventTypes.PLAN_RUN_REQUESTED,
                        EventTypes.TASK_STARTED,
                        EventTypes.EXECUTION_COMPLETED,
                        EventTypes.TASK_COMPLETED);
        JsonNode page = api.get("/api/projects/" + id + "/timeline?page=0&size=2", admin())
                .body();
        assertThat(page.get("content")).hasSize(2);
        assertThat(page.get("totalElements").asLong()).isGreaterThanOrEqualTo(8);
        JsonNode first = page.get("content").get(0);
        assertThat(first.get("data").get("projectId").asString()).isEqualTo(id.toString());
        assertThat(first.get("stream").asString()).isEqualTo(Streams.PROJECT);
        assertThat(api.get("/api/projects/" + UUID.randomUUID() + "/timeline", admin())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anAgentsQuestionAndItsAnswerAreOnTheTimeline() {
        Plan plan = runningProject("", 1);
        UUID id = plan.projectId();
        UUID taskId = plan.tasks().getFirst().taskId();
        UUID question = UUID.randomUUID();
        UUID execution = UUID.randomUUID();
        emit(
                Streams.AGENT,
                EventTypes.EXECUTION_INPUT_REQUESTED,
                id,
                new dev.berrys.contracts.events.AgentEvents.ExecutionInputRequested(
                        question,
                        execution,
                        taskId,
                        id,
                        UUID.randomUUID(),
                        1,
                        "Which colour?",
                        java.util.List.of("red", "blue")));
        emit(
                Streams.AGENT,
                EventTypes.EXECUTION_INPUT_RECEIVED,
                id,
                new dev.berrys.contracts.events.AgentEvents.ExecutionInputReceived(
                        question, execution, taskId, id, 1, "blue", "alice"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(types(id))
                .containsSubsequence(EventTypes.EXECUTION_INPUT_REQUESTED, EventTypes.EXECUTION_INPUT_RECEIVED));
        JsonNode events = api.get("/api/projects/" + id + "/timeline?size=500", admin())
                .body()
                .get("content");
        assertThat(events.findValuesAsString("question")).contains("Which colour?");
        assertThat(events.findValuesAsString("answer")).contains("blue");
    }

    private java.util.List<String> types(UUID id) {
        return api.get("/api/projects/" + id + "/timeline?size=500", admin())
                .body()
                .get("content")
                .findValuesAsString("type");
    }

    private static ModelEvents.CallRecorded call(UUID projectId, String cost, long in, long out) {
        return new ModelEvents.CallRecorded(
                UUID.randomUUID(),
                projectId,
                null,
                null,
                "openai",
                "gpt-x",
                in,
                out,
                new BigDecimal(cost),
                120,
                "SUCCEEDED",
                false);
    }
}
