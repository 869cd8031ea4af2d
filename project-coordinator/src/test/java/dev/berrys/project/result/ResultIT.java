package dev.berrys.project.result;

import static dev.berrys.starter.test.model.Answers.computed;
import static dev.berrys.starter.test.model.Answers.problem;
import static dev.berrys.starter.test.model.Answers.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.ModelEvents;
import dev.berrys.contracts.events.PlanningEvents;
import dev.berrys.contracts.events.TaskOutput;
import dev.berrys.project.support.Api;
import dev.berrys.project.support.IntegrationTestBase;
import dev.berrys.starter.test.TestTokens;
import dev.berrys.starter.test.model.FakeModelServer.Answer;
import dev.berrys.starter.test.model.Request;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A completed plan becomes the project's result: a synthesis by the model and the outputs as artifacts. */
class ResultIT extends IntegrationTestBase {

    @Autowired
    SynthesisJobs jobs;

    @Test
    void aCompletedPlanIsSynthesisedAndTheProjectCompletesWithItsArtifacts() {
        Plan plan = runningProject("", 3);
        UUID id = plan.projectId();
        MODEL.always(id, computed(r -> synthesis(r).model("simulated-large").header("X-Berrys-Simulated", "true")));

        Api.Response early = api.get("/api/projects/" + id + "/result", admin());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body().get("type").asString()).isEqualTo("https://berrys.dev/problems/result-not-ready");

        emit(Streams.PLANNING, EventTypes.PLAN_COMPLETED, id, completed(plan));
        awaitStatus(id, "COMPLETED");

        Api.Response result = api.get("/api/projects/" + id + "/result", TestTokens.viewer());
        assertThat(result.status()).as(result.raw()).isEqualTo(200);
        JsonNode body = result.body();
        assertThat(body.get("projectId").asString()).isEqualTo(id.toString());
        assertThat(body.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(body.get("model").asString()).isEqualTo("simulated-large");
        assertThat(body.get("simulated").asBoolean()).isTrue();
        assertThat(body.get("completedAt").asString()).isNotBlank();
        assertThat(body.get("summary").asString())
                .contains("Compare three databases")
                .contains(
                        plan.tasks().get(0).title(),
                        plan.tasks().get(1).title(),
                        plan.tasks().get(2).title());
        JsonNode artifacts = body.get("artifacts");
        assertThat(artifacts).hasSize(3);
        assertThat(artifacts.get(0).get("taskId").asString())
                .isEqualTo(plan.tasks().get(0).taskId().toString());
        assertThat(artifacts.get(0).get("title").asString())
                .isEqualTo(plan.tasks().get(0).title());
        assertThat(artifacts.get(0).get("role").asString()).isEqualTo("researcher");
        assertThat(artifacts.get(0).get("content").asString()).isEqualTo("Output of task 0");

        JsonNode project = project(id);
        assertThat(project.get("progress").get("done").asInt()).isEqualTo(3);
        assertThat(project.get("completedAt").asString()).isNotBlank();
        assertThat(published(id, EventTypes.PROJECT_COMPLETED)
                        .getFirst()
                        .get("summary")
                        .asString())
                .isEqualTo(body.get("summary").asString());

        List<Request> calls = MODEL.requests(id);
        assertThat(calls).hasSize(1);
        Request call = calls.getFirst();
        assertThat(call.purpose()).isEqualTo("synthesis");
        assertThat(call.authorization()).startsWith("Bearer ");
        assertThat(call.body().get("model").asString()).isEqualTo("auto");
        JsonNode messages = call.body().get("messages");
        assertThat(messages.get(0).get("role").asString()).isEqualTo("system");
        assertThat(messages.get(1).get("content").asString()).isEqualTo("Goal: Compare three databases");
        assertThat(messages.get(2).get("content").asString())
                .contains(plan.tasks().get(0).title())
                .contains("role: researcher")
                .contains("Output of task 0");
        assertThat(messages).hasSize(5);
    }

    @Test
    void aResultIsMarkedSimulatedWhenATaskCallWasAnsweredByTheSimulatedModelThoughARealModelWroteTheSummary() {
        Plan plan = runningProject("", 2);
        UUID id = plan.projectId();
        UUID byReal = emit(Streams.MODEL, EventTypes.MODEL_CALL_RECORDED, id, call(id, "openai", false));
        UUID bySimulated = emit(Streams.MODEL, EventTypes.MODEL_CALL_RECORDED, id, call(id, "simulated", true));
        await().atMost(WAIT).until(() -> handled(byReal) && handled(bySimulated));
        assertThat(project(id).get("simulatedCalls").asLong()).isEqualTo(1);

        emit(Streams.PLANNING, EventTypes.PLAN_COMPLETED, id, completed(plan));
        awaitStatus(id, "COMPLETED");

        JsonNode result = api.get("/api/projects/" + id + "/result", admin()).body();
        assertThat(result.get("model").asString())
                .as("a real model wrote the summary")
                .isEqualTo("gpt-fake-1");
        assertThat(result.get("simulated").asBoolean())
                .as("but a task was answered by the simulated model")
                .isTrue();
        assertThat(result.get("simulatedCalls").asLong()).isEqualTo(1);
    }

    @Test
    void aResultAllOfWhoseCallsRealModelsAnsweredIsNotMarkedSimulated() {
        Plan plan = runningProject("", 1);
        UUID id = plan.projectId();
        UUID byReal = emit(Streams.MODEL, EventTypes.MODEL_CALL_RECORDED, id, call(id, "openai", false));
        await().atMost(WAIT).until(() -> handled(byReal));

        emit(Streams.PLANNING, EventTypes.PLAN_COMPLETED, id, completed(plan));
        awaitStatus(id, "COMPLETED");

        JsonNode result = api.get("/api/projects/" + id + "/result", admin()).body();
        assertThat(result.get("simulated").asBoolean()).isFalse();
        assertThat(result.get("simulatedCalls").asLong()).isZero();
        assertThat(api.get("/v3/api-docs", admin()).raw())
                .as("the OpenAPI document says what the flag means")
                .contains("simulatedCalls")
                .contains("answered any model call of the project");
    }

    private static ModelEvents.CallRecorded call(UUID projectId, String provider, boolean simulated) {
        return new ModelEvents.CallRecorded(
                UUID.randomUUID(),
                projectId,
                UUID.randomUUID(),
                UUID.randomUUID(),
                provider,
                simulated ? "berrys-simulated" : "gpt-x",
                100,
                40,
                BigDecimal.ZERO,
                50,
                "SUCCEEDED",
                simulated);
    }

    @Test
    void theArtifactsAreListedAndReadOneByOne() {
        Plan plan = runningProject("", 2);
        UUID id = plan.projectId();
        emit(Streams.PLANNING, EventTypes.PLAN_COMPLETED, id, completed(plan));
        awaitStatus(id, "COMPLETED");

        JsonNode page = api.get("/api/projects/" + id + "/artifacts", admin()).body();
        assertThat(page.get("totalElements").asLong()).isEqualTo(2);
        JsonNode first = page.get("content").get(0);
        assertThat(first.get("content").asString()).isEqualTo("Output of task 0");

        Api.Response one =
                api.get("/api/projects/" + id + "/artifacts/" + first.get("id").asString(), admin());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().get("title").asString())
                .isEqualTo(plan.tasks().get(0).title());
        assertThat(api.get("/api/projects/" + id + "/artifacts/" + UUID.randomUUID(), admin())
                        .status())
                .isEqualTo(404);
        String other = TestTokens.token("mallory", "other-tenant", "ADMIN");
        assertThat(api.get("/api/projects/" + id + "/artifacts", other).status())
                .isEqualTo(404);
        assertThat(api.get(
                                "/api/projects/" + id + "/artifacts/"
                                        + first.get("id").asString(),
                                other)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/projects/" + id + "/result", other).status()).isEqualTo(404);
    }

    @Test
    void anOutageIsWaitedOutAndAFailedAnswerTriedAgainUnderOneIdempotencyKey() {
        Plan plan = runningProject("", 2);
        UUID id = plan.projectId();
        MODEL.then(id, status(503), status(502), status(503), status(500));

        emit(Streams.PLANNING, EventTypes.PLAN_COMPLETED, id, completed(plan));

        awaitStatus(id, "COMPLETED");
        assertThat(MODEL.requests(id)).hasSize(5);
        assertThat(MODEL.requests(id))
                .extracting(Request::idempotencyKey)
                .containsOnly("synthesis:project:" + id + ":plan:" + plan.planId());
        JsonNode result = api.get("/api/projects/" + id + "/result", admin()).body();
        assertThat(result.get("model").asString()).isEqualTo("gpt-fake-1");
        assertThat(result.get("simulated").asBoolean()).isFalse();
        assertThat(count("select attempts from project_result where project_id = ?", id))
                .isEqualTo(1);
    }

    @Test
    void aModelFailingPastTheRetriesFailsTheProjectButKeepsTheArtifacts() {
        Plan plan = runningProject("", 2);
        UUID id = plan.projectId();
        MODEL.then(id, status(500), status(500), status(500), status(500));

        emit(Streams.PLANNING, EventTypes.PLAN_COMPLETED, id, completed(plan));

        awaitStatus(id, "FAILED");
        assertThat(MODEL.requests(id)).as("the first try and three more").hasSize(4);
        assertThat(project(id).get("statusReason").asString())
                .contains("synthesis")
                .contains("500");
        assertThat(published(id)).contains(EventTypes.PROJECT_FAILED).doesNotContain(EventTypes.PROJECT_COMPLETED);
        assertThat(api.get("/api/projects/" + id + "/result", admin()).status()).isEqualTo(409);
        assertThat(api.get("/api/projects/" + id + "/artifacts", admin())
                        .body()
                        .get("totalElements")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void resumingAProjectWhoseSynthesisFailedSynthesisesAgainAndCompletesIt() {
        Plan plan = runningProject("", 2);
        UUID id = plan.projectId();
        MODEL.then(id, status(500), status(500), status(500), status(500));
        emit(Streams.PLANNING, EventTypes.PLAN_COMPLETED, id, completed(plan));
        awaitStatus(id, "FAILED");

        Api.Response resumed = api.post("/api/projects/" + id + "/resume", admin(), null);

        assertThat(resumed.status()).as(resumed.raw()).isEqualTo(200);
        awaitStatus(id, "COMPLETED");
        assertThat(api.get("/api/projects/" + id + "/result", admin()).status()).isEqualTo(200);
        assertThat(MODEL.requests(id)).hasSize(5);
        assertThat(api.post("/api/projects/" + id + "/resume", admin(), null).status())
                .as("a COMPLETED project cannot be resumed")
                .isEqualTo(409);
        assertThat(count("select count(*) from artifact where project_id = ?", id))
                .isEqualTo(2);
    }

    @Test
    void anOutageLongerThanTheToleranceFailsTheProjectWhichCanBeResumed() {
        Plan plan = runningProject("", 2);
        UUID id = plan.projectId();
        MODEL.then(id, java.util.Collections.nCopies(400, status(503)).toArray(Answer[]::new));

        emit(Streams.PLANNING, EventTypes.PLAN_COMPLETED, id, completed(plan));

        awaitStatus(id, "FAILED");
        assertThat(project(id).get("statusReason").asString()).contains("model-orchestration unavailable");
        assertThat(MODEL.requests(id).size())
                .as("waited with backoff, not spun")
                .isBetween(5, 100);
    }

    @Test
    void aSynthesisRefusedForTheBudgetPausesTheProjectAndRunsWhenTheBudgetIsRaised() {
        Plan plan = runningProject("\"budgetUsd\":0.5", 2);
        UUID id = plan.projectId();
        MODEL.then(id, problem(402, "budget-exceeded", "The project's budget is spent."));

        emit(Streams.PLANNING, EventTypes.PLAN_COMPLETED, id, completed(plan));

        awaitStatus(id, "PAUSED");
        assertThat(project(id).get("statusReason").asString()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(MODEL.requests(id)).hasSize(1);

        assertThat(api.patch("/api/projects/" + id + "/budget", admin(), "{\"budgetUsd\":2}")
                        .status())
                .isEqualTo(200);

        awaitStatus(id, "COMPLETED");
        assertThat(MODEL.requests(id)).hasSize(2);
        assertThat(api.get("/api/projects/" + id + "/result", admin()).status()).isEqualTo(200);
    }

    @Test
    void aSynthesisLeftUnfinishedByACrashIsPickedUpByTheSweep() {
        Plan plan = runningProject("", 2);
        UUID id = plan.projectId();
        // what a replica that died mid-call leaves behind: artifacts, a pending result, an expired lease
        for (int i = 0; i < plan.tasks().size(); i++) {
            var task = plan.tasks().get(i);
            jdbc.update(
                    """
                    insert into artifact (id, tenant, project_id, plan_id, task_id, title, role, content, position,
                                          created_at)
                    values (?, 'default', ?, ?, ?, ?, ?, ?, ?, now())""",
                    UUID.randomUUID(),
                    id,
                    plan.planId(),
                    task.taskId(),
                    task.title(),
                    task.role(),
                    "Output of task " + i,
                    i);
        }
        jdbc.update("""
                insert into project_result (project_id, tenant, plan_id, status, attempts, lease_until, created_at)
                values (?, 'default', ?, 'PENDING', 1, now() - interval '1 minute', now())""", id, plan.planId());

        jobs.sweep();

        awaitStatus(id, "COMPLETED");
        assertThat(MODEL.requests(id)).hasSize(1);
        assertThat(api.get("/api/projects/" + id + "/result", admin())
                        .body()
                        .get("summary")
                        .asString())
                .contains(plan.tasks().get(1).title());
    }

    @Test
    void aSynthesisHeldByAnotherReplicaIsLeftAlone() throws InterruptedException {
        Plan plan = runningProject("", 1);
        UUID id = plan.projectId();
        jdbc.update("""
                insert into project_result (project_id, tenant, plan_id, status, attempts, lease_until, created_at)
                values (?, 'default', ?, 'PENDING', 1, now() + interval '10 minutes', now())""", id, plan.planId());

        jobs.sweep();

        Thread.sleep(1_500);
        assertThat(MODEL.requests(id)).isEmpty();
        assertThat(project(id).get("status").asString()).isEqualTo("RUNNING");
    }

    @Test
    void aSecondPlanCompletedMakesNoSecondResult() {
        Plan plan = runningProject("", 2);
        UUID id = plan.projectId();
        emit(Streams.PLANNING, EventTypes.PLAN_COMPLETED, id, completed(plan));
        awaitStatus(id, "COMPLETED");

        UUID again = emit(Streams.PLANNING, EventTypes.PLAN_COMPLETED, id, completed(plan));

        await().atMost(WAIT).until(() -> handled(again));
        assertThat(count("select count(*) from artifact where project_id = ?", id))
                .isEqualTo(2);
        assertThat(MODEL.requests(id)).hasSize(1);
        assertThat(published(id, EventTypes.PROJECT_COMPLETED)).hasSize(1);
    }

    private static PlanningEvents.PlanCompleted completed(Plan plan) {
        List<TaskOutput> outputs = new java.util.ArrayList<>();
        for (int i = 0; i < plan.tasks().size(); i++) {
            var task = plan.tasks().get(i);
            outputs.add(new TaskOutput(task.taskId(), task.title(), task.role(), "Output of task " + i));
        }
        return new PlanningEvents.PlanCompleted(plan.planId(), plan.projectId(), "Compare three databases", outputs);
    }
}
