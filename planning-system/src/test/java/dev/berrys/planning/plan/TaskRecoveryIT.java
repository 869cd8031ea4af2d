package dev.berrys.planning.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.AgentEvents.ExecutionCompleted;
import dev.berrys.contracts.events.AgentEvents.ExecutionFailed;
import dev.berrys.contracts.events.AgentEvents.ExecutionStarted;
import dev.berrys.contracts.events.AgentRef;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.ProjectEvents;
import dev.berrys.planning.PlanningITSupport;
import dev.berrys.starter.test.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** A failed plan resumed, a person's retry and skip of a task, and stalled assignments announced again. */
class TaskRecoveryIT extends PlanningITSupport {
    static final String DIAMOND = proposal(
            task("research", "researcher"),
            task("build", "developer"),
            task("write", "writer", "research", "build"),
            task("review", "reviewer", "write"));

    final Map<String, UUID> agents = Map.of(
            "researcher", UUID.randomUUID(),
            "developer", UUID.randomUUID(),
            "writer", UUID.randomUUID(),
            "reviewer", UUID.randomUUID());
    final List<AgentRef> team = agents.entrySet().stream()
            .map(e -> new AgentRef(e.getValue(), e.getKey(), e.getKey() + "-agent"))
            .toList();

    @Autowired
    StalledTasks stalled;

    RestClient admin;
    UUID project;
    UUID plan;

    @BeforeEach
    void runningPlan() {
        admin = api(TestTokens.admin());
        project = UUID.randomUUID();
        plan = planned(project, "Compare databases and write a report", DIAMOND);
        run(project, plan, team);
        awaitPublished(EventTypes.TASK_ASSIGNED, project, 2);
    }

    @Test
    void resumingAFailedProjectRerunsTheFailedTaskAndItsDependantsKeepingCompletedOutputs() {
        completed("research", 1, "research findings");
        await().atMost(WAIT).until(() -> taskStatus(plan, "research").equals("COMPLETED"));
        failed("build", 1, "compiler crashed");
        await().atMost(WAIT).until(() -> planStatus(plan).equals("FAILED"));
        assertThat(statuses()).containsExactly("COMPLETED", "FAILED", "CANCELLED", "CANCELLED");

        publish(Streams.PROJECT, EventTypes.PROJECT_RESUMED, new ProjectEvents.Resumed(project));

        JsonNode build = awaitAssignment("build", 2);
        assertThat(build.get("agentId").asString())
                .isEqualTo(agents.get("developer").toString());
        JsonNode reopened = awaitPublished(EventTypes.PLAN_REOPENED, project, 1).getFirst();
        assertThat(reopened.get("planId").asString()).isEqualTo(plan.toString());
        assertThat(planStatus(plan)).isEqualTo("RUNNING");
        assertThat(statuses()).containsExactly("COMPLETED", "ASSIGNED", "PENDING", "PENDING");
        assertThat(assignments("research"))
                .as("a completed task is not run again")
                .hasSize(1);
        assertThat(output("research")).isEqualTo("research findings");

        completed("build", 2, "benchmark code");
        JsonNode write = awaitAssignment("write", 1);
        assertThat(write.get("dependencyOutputs"))
                .extracting(o -> o.get("output").asString())
                .containsExactly("research findings", "benchmark code");
        completed("write", 1, "the report");
        completed("review", 1, "fine");
        JsonNode done = awaitPublished(EventTypes.PLAN_COMPLETED, project, 1).getFirst();
        assertThat(done.get("outputs"))
                .extracting(o -> o.get("output").asString())
                .containsExactly("research findings", "benchmark code", "the report", "fine");
    }

    @Test
    void aFailedTaskRetriedByAPersonReopensThePlanWithAFreshAllowanceOfAttempts() {
        // max-attempts is 3 in these tests: the third failure fails the plan
        failed("build", 1, "flaky", true);
        awaitAssignment("build", 2);
        failed("build", 2, "flaky", true);
        awaitAssignment("build", 3);
        failed("build", 3, "flaky", true);
        await().atMost(WAIT).until(() -> planStatus(plan).equals("FAILED"));

        ResponseEntity<JsonNode> retried =
                post(admin, "/api/tasks/" + id("build") + "/retry", Map.of("reason", "fixed"));

        assertThat(retried.getStatusCode().value()).isEqualTo(200);
        assertThat(retried.getBody().get("status").asString()).isIn("READY", "ASSIGNED");
        awaitAssignment("build", 4);
        assertThat(awaitPublished(EventTypes.PLAN_REOPENED, project, 1)
                        .getFirst()
                        .get("reason")
                        .asString())
                .contains("Task build", "retried", "fixed");
        assertThat(planStatus(plan)).isEqualTo("RUNNING");
        // the research task the failure cancelled runs again too, as its next attempt
        awaitAssignment("research", 2);
        // the retry by a person counts attempts afresh: a retryable failure is retried again
        failed("build", 4, "flaky", true);
        awaitAssignment("build", 5);
        assertThat(planStatus(plan)).isEqualTo("RUNNING");
    }

    @Test
    void skippingAFailedTaskLetsItsDependantsRunWithAnOutputSayingWhy() {
        completed("research", 1, "research findings");
        failed("build", 1, "no compiler");
        await().atMost(WAIT).until(() -> planStatus(plan).equals("FAILED"));

        ResponseEntity<JsonNode> skipped =
                post(admin, "/api/tasks/" + id("build") + "/skip", Map.of("reason", "the benchmark is not needed"));

        assertThat(skipped.getStatusCode().value()).isEqualTo(200);
        assertThat(skipped.getBody().get("status").asString()).isEqualTo("SKIPPED");
        JsonNode write = awaitAssignment("write", 1);
        assertThat(write.get("dependencyOutputs"))
                .extracting(o -> o.get("output").asString())
                .containsExactly(
                        "research findings",
                        "[skipped] This task was skipped by a person and produced nothing."
                                + " Reason: the benchmark is not needed");
        JsonNode event = awaitPublished(EventTypes.TASK_SKIPPED, project, 1).getFirst();
        assertThat(event.get("reason").asString()).isEqualTo("the benchmark is not needed");
        assertThat(event.get("completedTasks").asInt()).isEqualTo(2);
        assertThat(planStatus(plan)).isEqualTo("RUNNING");

        completed("write", 1, "report");
        await().atMost(WAIT).until(() -> taskStatus(plan, "review").equals("ASSIGNED"));
        assertThat(post(admin, "/api/tasks/" + id("review") + "/skip", Map.of("reason", "no time"))
                        .getStatusCode()
                        .value())
                .as("an ASSIGNED task is in flight")
                .isEqualTo(409);
    }

    @Test
    void skippingAPendingTaskOfARunningPlanCountsItDoneAndTheLastOneCompletesThePlan() {
        completed("research", 1, "r");
        completed("build", 1, "b");
        completed("write", 1, "w");
        await().atMost(WAIT).until(() -> taskStatus(plan, "review").equals("ASSIGNED"));
        failed("review", 1, "reviewer refused", false);
        await().atMost(WAIT).until(() -> planStatus(plan).equals("FAILED"));

        assertThat(post(admin, "/api/tasks/" + id("review") + "/skip", Map.of("reason", "reviewed by hand"))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);

        JsonNode done = awaitPublished(EventTypes.PLAN_COMPLETED, project, 1).getFirst();
        assertThat(done.get("outputs").get(3).get("output").asString()).contains("skipped", "reviewed by hand");
        assertThat(planStatus(plan)).isEqualTo("COMPLETED");
        assertThat(statuses()).containsExactly("COMPLETED", "COMPLETED", "COMPLETED", "SKIPPED");
    }

    @Test
    void illegalMovesAreConflictsBadInputIsABadRequestAndOthersTasksAreNotFound() {
        completed("research", 1, "r");
        await().atMost(WAIT).until(() -> taskStatus(plan, "research").equals("COMPLETED"));

        ResponseEntity<JsonNode> retryCompleted = post(admin, "/api/tasks/" + id("research") + "/retry", null);
        assertThat(retryCompleted.getStatusCode().value()).isEqualTo(409);
        assertThat(retryCompleted.getBody().get("detail").asString()).contains("COMPLETED");
        assertThat(post(admin, "/api/tasks/" + id("build") + "/retry", null)
                        .getStatusCode()
                        .value())
                .as("an ASSIGNED task cannot be retried")
                .isEqualTo(409);
        started("build", 1);
        await().atMost(WAIT).until(() -> taskStatus(plan, "build").equals("RUNNING"));
        assertThat(post(admin, "/api/tasks/" + id("build") + "/skip", Map.of("reason", "x"))
                        .getStatusCode()
                        .value())
                .as("a RUNNING task cannot be skipped")
                .isEqualTo(409);

        for (Object body : new Object[] {null, Map.of(), Map.of("reason", "  ")}) {
            ResponseEntity<JsonNode> noReason = post(admin, "/api/tasks/" + id("write") + "/skip", body);
            assertThat(noReason.getStatusCode().value()).isEqualTo(400);
            assertThat(noReason.getBody().get("field").asString()).isEqualTo("reason");
        }
        assertThat(taskStatus(plan, "write")).as("nothing stored").isEqualTo("PENDING");

        RestClient stranger = api(TestTokens.token("someone", "other", "ADMIN"));
        assertThat(post(stranger, "/api/tasks/" + id("write") + "/skip", Map.of("reason", "x"))
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(post(stranger, "/api/tasks/" + UUID.randomUUID() + "/retry", null)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(post(api(TestTokens.viewer()), "/api/tasks/" + id("write") + "/skip", Map.of("reason", "x"))
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(taskStatus(plan, "write")).isEqualTo("PENDING");

        publish(Streams.PROJECT, EventTypes.PROJECT_CANCELLED, new ProjectEvents.Cancelled(project, "stop"));
        await().atMost(WAIT).until(() -> planStatus(plan).equals("CANCELLED"));
        assertThat(post(admin, "/api/tasks/" + id("write") + "/retry", null)
                        .getStatusCode()
                        .value())
                .as("a cancelled project's tasks stay cancelled")
                .isEqualTo(409);
    }

    @Test
    void aStalledAssignmentIsPublishedAgainOncePerStallTimeout() {
        UUID research = taskId(plan, "research");
        assertThat(assignments("research")).hasSize(1);
        stall(research);

        stalled.reannounce(100);
        stalled.reannounce(100);

        List<JsonNode> again = assignments("research");
        assertThat(again).hasSize(2);
        assertThat(again.get(1).get("attempt").asInt())
                .as("the same attempt, not a new one")
                .isEqualTo(1);
        assertThat(again.get(1).get("agentId").asString())
                .isEqualTo(again.get(0).get("agentId").asString());
        assertThat(assignments("build"))
                .as("a task within its timeout is left alone")
                .hasSize(1);
        assertThat(taskStatus(plan, "research")).isEqualTo("ASSIGNED");

        stall(research);
        stalled.reannounce(100);
        assertThat(assignments("research")).hasSize(3);

        completed("research", 1, "done at last");
        await().atMost(WAIT).until(() -> taskStatus(plan, "research").equals("COMPLETED"));
    }

    @Test
    void aRepeatedRunRequestOfACompletedPlanTellsItsCompletionAgain() {
        completed("research", 1, "r");
        completed("build", 1, "b");
        completed("write", 1, "w");
        await().atMost(WAIT).until(() -> taskStatus(plan, "review").equals("ASSIGNED"));
        completed("review", 1, "v");
        awaitPublished(EventTypes.PLAN_COMPLETED, project, 1);

        run(project, plan, team);

        assertThat(awaitPublished(EventTypes.PLAN_COMPLETED, project, 2)).hasSize(2);
    }

    /** Moves the task's last news past the stall timeout. */
    private void stall(UUID taskId) {
        jdbc.update("update task set progress_at = now() - interval '1 hour' where id = ?", taskId);
    }

    private List<String> statuses() {
        return jdbc.queryForList("select status from task where plan_id = ? order by position", String.class, plan);
    }

    private @Nullable String output(String key) {
        return jdbc.queryForObject("select output from task where id = ?", String.class, taskId(plan, key));
    }

    private String id(String key) {
        return taskId(plan, key).toString();
    }

    private UUID agentOf(String key) {
        return agents.get(jdbc.queryForObject("select role from task where id = ?", String.class, taskId(plan, key)));
    }

    private void started(String key, int attempt) {
        publish(
                Streams.AGENT,
                EventTypes.EXECUTION_STARTED,
                new ExecutionStarted(UUID.randomUUID(), taskId(plan, key), project, agentOf(key), attempt));
    }

    private void completed(String key, int attempt, String output) {
        publish(
                Streams.AGENT,
                EventTypes.EXECUTION_COMPLETED,
                new ExecutionCompleted(
                        UUID.randomUUID(), taskId(plan, key), project, agentOf(key), attempt, output, 100, 50));
    }

    private void failed(String key, int attempt, String reason) {
        failed(key, attempt, reason, false);
    }

    private void failed(String key, int attempt, String reason, boolean retryable) {
        publish(
                Streams.AGENT,
                EventTypes.EXECUTION_FAILED,
                new ExecutionFailed(
                        UUID.randomUUID(), taskId(plan, key), project, agentOf(key), attempt, reason, retryable));
    }

    private List<JsonNode> assignments(String key) {
        return published(EventTypes.TASK_ASSIGNED, project).stream()
                .filter(a -> a.get("taskId").asString().equals(id(key)))
                .toList();
    }

    private JsonNode awaitAssignment(String key, int attempt) {
        await().atMost(WAIT).until(() -> assignments(key).stream()
                .anyMatch(a -> a.get("attempt").asInt() == attempt));
        return assignments(key).stream()
                .filter(a -> a.get("attempt").asInt() == attempt)
                .findFirst()
                .orElseThrow();
    }

    private static ResponseEntity<JsonNode> post(RestClient client, String path, @Nullable Object body) {
        var request = client.post().uri(path);
        if (body != null) {
            request = request.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .body(body);
        }
        return request.retrieve().toEntity(JsonNode.class);
    }
}
