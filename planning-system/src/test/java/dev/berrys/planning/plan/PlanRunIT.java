package dev.berrys.planning.plan;

import static dev.berrys.starter.test.model.Answers.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.AgentEvents;
import dev.berrys.contracts.events.AgentEvents.ExecutionCompleted;
import dev.berrys.contracts.events.AgentEvents.ExecutionContinued;
import dev.berrys.contracts.events.AgentEvents.ExecutionFailed;
import dev.berrys.contracts.events.AgentEvents.ExecutionStarted;
import dev.berrys.contracts.events.AgentEvents.ExecutionWaiting;
import dev.berrys.contracts.events.AgentRef;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.ProjectEvents;
import dev.berrys.contracts.events.WorkflowEvents.PlanRequested;
import dev.berrys.planning.PlanningITSupport;
import dev.berrys.starter.test.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class PlanRunIT extends PlanningITSupport {
    static final String GOAL = "Compare three databases and write a report";
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
    TaskMetrics metrics;

    @Autowired
    MeterRegistry meters;

    UUID project;
    UUID plan;

    @BeforeEach
    void planned() {
        project = UUID.randomUUID();
        plan = planned(project, GOAL, DIAMOND);
    }

    @Test
    void runningAPlanAssignsOnlyItsRootTasksAndAllOfThemAtOnce() {
        run(project, plan, team);

        List<JsonNode> assigned = awaitPublished(EventTypes.TASK_ASSIGNED, project, 2);
        assertThat(assigned)
                .extracting(a -> a.get("taskId").asString())
                .containsExactlyInAnyOrder(id("research"), id("build"));
        JsonNode research = assignment("research", 1);
        assertThat(research.get("agentId").asString())
                .isEqualTo(agents.get("researcher").toString());
        assertThat(research.get("role").asString()).isEqualTo("researcher");
        assertThat(research.get("title").asString()).isEqualTo("Task research");
        assertThat(research.get("description").asString()).isEqualTo("Work on research");
        assertThat(research.get("goal").asString()).isEqualTo(GOAL);
        assertThat(research.get("planId").asString()).isEqualTo(plan.toString());
        assertThat(research.get("dependencyOutputs")).isEmpty();
        assertThat(published(EventTypes.TASK_READY, project)).hasSize(2);
        // both assignments were written by one transaction: parallel, not one after the other
        assertThat(jdbc.queryForList(
                        "select distinct created_at from outbox_event where type = 'task.assigned' and envelope like ?",
                        "%" + project + "%"))
                .hasSize(1);
        assertThat(statuses()).containsExactly("ASSIGNED", "ASSIGNED", "PENDING", "PENDING");
        assertThat(planStatus(plan)).isEqualTo("RUNNING");
        assertThat(jdbc.queryForObject("select count(*) from plan_agent where plan_id = ?", Integer.class, plan))
                .isEqualTo(4);
        settle();
        assertThat(published(EventTypes.TASK_ASSIGNED, project)).hasSize(2);
    }

    @Test
    void completedDependenciesReadyTheirDependantsWithTheirOutputsUntilThePlanCompletes() {
        run(project, plan, team);
        awaitPublished(EventTypes.TASK_ASSIGNED, project, 2);

        UUID execution = started("research", 1);
        await().atMost(WAIT).until(() -> taskStatus(plan, "research").equals("RUNNING"));
        JsonNode taskStarted =
                awaitPublished(EventTypes.TASK_STARTED, project, 1).getFirst();
        assertThat(taskStarted.get("executionId").asString()).isEqualTo(execution.toString());

        completed("research", 1, "research findings");
        JsonNode first = awaitPublished(EventTypes.TASK_COMPLETED, project, 1).getFirst();
        assertThat(first.get("completedTasks").asInt()).isEqualTo(1);
        assertThat(first.get("totalTasks").asInt()).isEqualTo(4);
        assertThat(taskStatus(plan, "write")).isEqualTo("PENDING");

        completed("build", 1, "benchmark code");
        JsonNode write = awaitAssignment("write", 1);
        assertThat(write.get("agentId").asString())
                .isEqualTo(agents.get("writer").toString());
        assertThat(write.get("dependencyOutputs"))
                .extracting(
                        o -> o.get("taskId").asString() + "=" + o.get("output").asString())
                .containsExactly(id("research") + "=research findings", id("build") + "=benchmark code");

        completed("write", 1, "the report");
        JsonNode review = awaitAssignment("review", 1);
        assertThat(review.get("dependencyOutputs")).singleElement().satisfies(o -> {
            assertThat(o.get("title").asString()).isEqualTo("Task write");
            assertThat(o.get("role").asString()).isEqualTo("writer");
            assertThat(o.get("output").asString()).isEqualTo("the report");
        });
        assertThat(planStatus(plan)).isEqualTo("RUNNING");

        completed("review", 1, "looks good");
        JsonNode done = awaitPublished(EventTypes.PLAN_COMPLETED, project, 1).getFirst();
        assertThat(done.get("goal").asString()).isEqualTo(GOAL);
        assertThat(done.get("outputs"))
                .extracting(o -> o.get("output").asString())
                .containsExactly("research findings", "benchmark code", "the report", "looks good");
        assertThat(planStatus(plan)).isEqualTo("COMPLETED");
        assertThat(statuses()).containsOnly("COMPLETED");
        assertThat(published(EventTypes.TASK_COMPLETED, project))
                .extracting(c -> c.get("completedTasks").asInt())
                .containsExactlyInAnyOrder(1, 2, 3, 4);
        Map<String, Object> research = jdbc.queryForMap(
                "select started_at, completed_at, output, attempts from task where id = ?", taskId(plan, "research"));
        assertThat(research.get("started_at")).isNotNull();
        assertThat(research.get("completed_at")).isNotNull();
        assertThat(research).containsEntry("output", "research findings").containsEntry("attempts", 1);
    }

    @Test
    void aRetryableFailureIsRetriedAfterABackoffAsTheNextAttempt() {
        run(project, plan, team);
        awaitPublished(EventTypes.TASK_ASSIGNED, project, 2);
        Instant failedAt = Instant.now();

        failed("research", 1, "model timed out", true);
        JsonNode retry =
                awaitPublished(EventTypes.TASK_RETRY_SCHEDULED, project, 1).getFirst();
        assertThat(retry.get("nextAttempt").asInt()).isEqualTo(2);
        assertThat(retry.get("reason").asString()).isEqualTo("model timed out");
        Instant notBefore = Instant.parse(retry.get("notBefore").asString());
        assertThat(notBefore).isAfter(failedAt.plusMillis(200)); // 300 ms base, -20% jitter at most

        JsonNode second = awaitAssignment("research", 2);
        assertThat(second.get("agentId").asString())
                .isEqualTo(agents.get("researcher").toString());
        Instant reassignedAt = jdbc.queryForObject(
                "select created_at from outbox_event where type = 'task.assigned' and envelope like ?"
                        + " and envelope like '%\"attempt\":2%'",
                Instant.class, "%" + id("research") + "%");
        assertThat(reassignedAt).isAfterOrEqualTo(notBefore.minusMillis(5));
        // assigned by the retry's own wake-up, not by a poll (the safety pass runs every 10 min here)
        assertThat(reassignedAt).isBefore(notBefore.plusSeconds(2));
        assertThat(jdbc.queryForObject(
                        "select attempts from task where id = ?", Integer.class, taskId(plan, "research")))
                .isEqualTo(2);

        // late news of the first attempt changes nothing
        completed("research", 1, "stale output");
        settle();
        assertThat(taskStatus(plan, "research")).isEqualTo("ASSIGNED");
        assertThat(published(EventTypes.TASK_COMPLETED, project)).isEmpty();

        completed("research", 2, "fresh output");
        await().atMost(WAIT).until(() -> taskStatus(plan, "research").equals("COMPLETED"));
    }

    @Test
    void aTaskWhoseExecutionWaitsOutAnOutageShowsWhyAndKeepsItsAttempt() {
        run(project, plan, team);
        awaitAssignment("research", 1);
        UUID execution = started("research", 1);
        await().atMost(WAIT).until(() -> taskStatus(plan, "research").equals("RUNNING"));

        publish(
                Streams.AGENT,
                EventTypes.EXECUTION_WAITING,
                new ExecutionWaiting(
                        execution,
                        taskId(plan, "research"),
                        project,
                        1,
                        "model-orchestration unavailable: HTTP 503",
                        Instant.parse("2026-01-02T03:04:05Z")));
        await().atMost(WAIT).until(() -> "waiting: model-orchestration unavailable: HTTP 503"
                .equals(task("research").path("waitingReason").asString(null)));
        JsonNode waiting = task("research");
        assertThat(waiting.path("status").asString()).isEqualTo("RUNNING");
        assertThat(waiting.path("attempts").asInt()).isEqualTo(1);
        assertThat(Instant.parse(waiting.path("waitingSince").asString()))
                .as("since the outage began, for the dashboard's 'waiting … since'")
                .isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));

        publish(
                Streams.AGENT,
                EventTypes.EXECUTION_CONTINUED,
                new ExecutionContinued(execution, taskId(plan, "research"), project, 1));
        await().atMost(WAIT).until(() -> task("research").path("waitingReason").isNull());
        assertThat(task("research").path("waitingSince").isNull()).isTrue();
        completed("research", 1, "researched");
        await().atMost(WAIT).until(() -> taskStatus(plan, "research").equals("COMPLETED"));
        assertThat(task("research").path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void aTaskWhoseAgentAskedAPersonShowsTheQuestionUntilItIsAnswered() {
        run(project, plan, team);
        awaitAssignment("research", 1);
        UUID execution = started("research", 1);
        await().atMost(WAIT).until(() -> taskStatus(plan, "research").equals("RUNNING"));
        UUID question = UUID.randomUUID();

        publish(
                Streams.AGENT,
                EventTypes.EXECUTION_INPUT_REQUESTED,
                new AgentEvents.ExecutionInputRequested(
                        question,
                        execution,
                        taskId(plan, "research"),
                        project,
                        UUID.randomUUID(),
                        1,
                        "Which region first?",
                        List.of("north", "south")));
        await().atMost(WAIT).until(() -> "waiting: a person's answer to: Which region first?"
                .equals(task("research").path("waitingReason").asString(null)));
        assertThat(task("research").path("status").asString()).isEqualTo("RUNNING");

        publish(
                Streams.AGENT,
                EventTypes.EXECUTION_INPUT_RECEIVED,
                new AgentEvents.ExecutionInputReceived(
                        question, execution, taskId(plan, "research"), project, 1, "north", "alice"));
        await().atMost(WAIT).until(() -> task("research").path("waitingReason").isNull());
        completed("research", 1, "researched the north");
        await().atMost(WAIT).until(() -> taskStatus(plan, "research").equals("COMPLETED"));
        assertThat(task("research").path("attempts").asInt()).isEqualTo(1);
    }

    private JsonNode task(String key) {
        return api(TestTokens.admin())
                .get()
                .uri("/api/tasks/{id}", taskId(plan, key))
                .retrieve()
                .body(JsonNode.class);
    }

    @Test
    void aTaskFailingPastTheAttemptLimitFailsThePlanAndCancelsTheRest() {
        run(project, plan, team);
        awaitPublished(EventTypes.TASK_ASSIGNED, project, 2);

        failed("research", 1, "boom", true);
        awaitAssignment("research", 2);
        failed("research", 2, "boom", true);
        awaitAssignment("research", 3);
        failed("research", 3, "boom again", true);

        JsonNode planFailed = awaitPublished(EventTypes.PLAN_FAILED, project, 1).getFirst();
        assertThat(planFailed.get("planId").asString()).isEqualTo(plan.toString());
        assertThat(planFailed.get("reason").asString())
                .contains("Task research", "(research)", "3 attempts", "boom again");
        JsonNode taskFailed = awaitPublished(EventTypes.TASK_FAILED, project, 1).getFirst();
        assertThat(taskFailed.get("attempts").asInt()).isEqualTo(3);
        assertThat(planStatus(plan)).isEqualTo("FAILED");
        assertThat(statuses()).containsExactly("FAILED", "CANCELLED", "CANCELLED", "CANCELLED");
        assertThat(published(EventTypes.TASK_CANCELLED, project)).hasSize(3);
        assertThat(published(EventTypes.TASK_RETRY_SCHEDULED, project)).hasSize(2);
    }

    @Test
    void aFailureThatCannotBeRetriedFailsThePlanAtOnce() {
        run(project, plan, team);
        awaitPublished(EventTypes.TASK_ASSIGNED, project, 2);

        failed("build", 1, "budget exhausted", false);

        JsonNode planFailed = awaitPublished(EventTypes.PLAN_FAILED, project, 1).getFirst();
        assertThat(planFailed.get("reason").asString()).contains("Task build", "1 attempt:", "budget exhausted");
        assertThat(published(EventTypes.TASK_RETRY_SCHEDULED, project)).isEmpty();
        assertThat(statuses()).containsExactly("CANCELLED", "FAILED", "CANCELLED", "CANCELLED");
    }

    @Test
    void aPausedProjectGetsNothingNewAssignedUntilItResumes() {
        run(project, plan, team);
        awaitPublished(EventTypes.TASK_ASSIGNED, project, 2);

        publish(Streams.PROJECT, EventTypes.PROJECT_PAUSED, new ProjectEvents.Paused(project, "by user"));
        await().atMost(WAIT).until(() -> planStatus(plan).equals("PAUSED"));
        completed("research", 1, "r");
        completed("build", 1, "b");
        await().atMost(WAIT).until(() -> taskStatus(plan, "write").equals("READY"));
        settle();
        assertThat(taskStatus(plan, "write")).isEqualTo("READY");
        assertThat(published(EventTypes.TASK_ASSIGNED, project)).hasSize(2);
        assertThat(published(EventTypes.TASK_COMPLETED, project)).hasSize(2);

        publish(Streams.PROJECT, EventTypes.PROJECT_RESUMED, new ProjectEvents.Resumed(project));
        JsonNode write = awaitAssignment("write", 1);
        assertThat(write.get("dependencyOutputs")).hasSize(2);
        assertThat(planStatus(plan)).isEqualTo("RUNNING");
    }

    @Test
    void aPlanOfAProjectPausedBeforeItRunsWaitsForTheResume() {
        publish(Streams.PROJECT, EventTypes.PROJECT_PAUSED, new ProjectEvents.Paused(project, "by user"));
        await().atMost(WAIT)
                .until(() ->
                        jdbc.queryForList("select paused from project_control where project_id = ? and paused", project)
                                        .size()
                                == 1);
        run(project, plan, team);
        await().atMost(WAIT).until(() -> planStatus(plan).equals("PAUSED"));
        assertThat(statuses()).containsExactly("READY", "READY", "PENDING", "PENDING");
        assertThat(published(EventTypes.TASK_ASSIGNED, project)).isEmpty();

        publish(Streams.PROJECT, EventTypes.PROJECT_RESUMED, new ProjectEvents.Resumed(project));
        awaitPublished(EventTypes.TASK_ASSIGNED, project, 2);
    }

    @Test
    void cancellingTheProjectCancelsEveryUnfinishedTaskAndIgnoresLateNews() {
        run(project, plan, team);
        awaitPublished(EventTypes.TASK_ASSIGNED, project, 2);
        completed("research", 1, "r");
        await().atMost(WAIT).until(() -> taskStatus(plan, "research").equals("COMPLETED"));

        publish(Streams.PROJECT, EventTypes.PROJECT_CANCELLED, new ProjectEvents.Cancelled(project, "by user"));
        await().atMost(WAIT).until(() -> planStatus(plan).equals("CANCELLED"));
        assertThat(statuses()).containsExactly("COMPLETED", "CANCELLED", "CANCELLED", "CANCELLED");
        assertThat(published(EventTypes.TASK_CANCELLED, project))
                .hasSize(3)
                .allSatisfy(c -> assertThat(c.get("reason").asString()).contains("cancelled"));

        completed("build", 1, "too late");
        run(project, plan, team);
        settle();
        assertThat(taskStatus(plan, "build")).isEqualTo("CANCELLED");
        assertThat(published(EventTypes.TASK_COMPLETED, project)).hasSize(1);
        assertThat(published(EventTypes.TASK_ASSIGNED, project)).hasSize(2);
    }

    @Test
    void duplicateEventsChangeNothing() {
        run(project, plan, team);
        awaitPublished(EventTypes.TASK_ASSIGNED, project, 2);
        run(project, plan, team);

        UUID eventId = UUID.randomUUID();
        var done = new ExecutionCompleted(
                UUID.randomUUID(), taskId(plan, "research"), project, agents.get("researcher"), 1, "once", 10, 20);
        publish(Streams.AGENT, EventTypes.EXECUTION_COMPLETED, done, TENANT, eventId);
        publish(Streams.AGENT, EventTypes.EXECUTION_COMPLETED, done, TENANT, eventId);
        publish(Streams.AGENT, EventTypes.EXECUTION_COMPLETED, done, TENANT, UUID.randomUUID());
        await().atMost(WAIT).until(() -> taskStatus(plan, "research").equals("COMPLETED"));
        settle();

        assertThat(published(EventTypes.TASK_ASSIGNED, project)).hasSize(2);
        assertThat(published(EventTypes.TASK_COMPLETED, project)).hasSize(1);
        assertThat(jdbc.queryForObject("select completed_tasks from plan where id = ?", Integer.class, plan))
                .isEqualTo(1);
    }

    @Test
    void aSupersededVersionDoesNotRun() {
        UUID newer = planAgain();
        assertThat(planStatus(plan)).isEqualTo("SUPERSEDED");

        run(project, plan, team);
        run(project, newer, team);
        awaitPublished(EventTypes.TASK_ASSIGNED, project, 2);
        settle();
        assertThat(published(EventTypes.TASK_ASSIGNED, project))
                .allSatisfy(a -> assertThat(a.get("planId").asString()).isEqualTo(newer.toString()));
        assertThat(planStatus(plan)).isEqualTo("SUPERSEDED");
        assertThat(planStatus(newer)).isEqualTo("RUNNING");
    }

    @Test
    void aTeamWithoutAnAgentForANeededRoleFailsThePlan() {
        run(
                project,
                plan,
                team.stream().filter(a -> !a.role().equals("reviewer")).toList());

        JsonNode failed = awaitPublished(EventTypes.PLAN_FAILED, project, 1).getFirst();
        assertThat(failed.get("reason").asString()).contains("no agent for role(s) reviewer");
        assertThat(published(EventTypes.TASK_ASSIGNED, project)).isEmpty();
        assertThat(statuses()).containsOnly("CANCELLED");
    }

    @Test
    void taskCountsByStatusAreAGauge() {
        run(project, plan, team);
        awaitPublished(EventTypes.TASK_ASSIGNED, project, 2);

        metrics.refresh();

        assertThat(meters.get("berrys.tasks").tag("status", "ASSIGNED").gauge().value())
                .isGreaterThanOrEqualTo(2);
        assertThat(meters.get("berrys.tasks").gauges()).hasSize(TaskStatus.values().length);
    }

    private UUID planAgain() {
        MODEL.script(project, text(DIAMOND));
        publish(
                Streams.WORKFLOW,
                EventTypes.PLAN_REQUESTED,
                new PlanRequested(UUID.randomUUID(), project, GOAL, "again", plan));
        await().atMost(WAIT).until(() -> !plan.equals(latestPlan(project)));
        return latestPlan(project);
    }

    private List<String> statuses() {
        return jdbc.queryForList("select status from task where plan_id = ? order by position", String.class, plan);
    }

    private String id(String key) {
        return taskId(plan, key).toString();
    }

    private UUID agentOf(String key) {
        return jdbc.queryForObject("select agent_id from task where id = ?", UUID.class, taskId(plan, key));
    }

    private UUID started(String key, int attempt) {
        UUID execution = UUID.randomUUID();
        publish(
                Streams.AGENT,
                EventTypes.EXECUTION_STARTED,
                new ExecutionStarted(execution, taskId(plan, key), project, agentOf(key), attempt));
        return execution;
    }

    private void completed(String key, int attempt, String output) {
        publish(
                Streams.AGENT,
                EventTypes.EXECUTION_COMPLETED,
                new ExecutionCompleted(
                        UUID.randomUUID(), taskId(plan, key), project, agentOf(key), attempt, output, 100, 50));
    }

    private void failed(String key, int attempt, String reason, boolean retryable) {
        publish(
                Streams.AGENT,
                EventTypes.EXECUTION_FAILED,
                new ExecutionFailed(
                        UUID.randomUUID(), taskId(plan, key), project, agentOf(key), attempt, reason, retryable));
    }

    private JsonNode assignment(String key, int attempt) {
        return published(EventTypes.TASK_ASSIGNED, project).stream()
                .filter(a -> a.get("taskId").asString().equals(id(key))
                        && a.get("attempt").asInt() == attempt)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no task.assigned for " + key + " attempt " + attempt));
    }

    private JsonNode awaitAssignment(String key, int attempt) {
        await().atMost(WAIT).until(() -> published(EventTypes.TASK_ASSIGNED, project).stream()
                .anyMatch(a -> a.get("taskId").asString().equals(id(key))
                        && a.get("attempt").asInt() == attempt));
        return assignment(key, attempt);
    }

    /** Long enough for stray deliveries and a few retry-scheduler passes to show. */
    private static void settle() {
        try {
            Thread.sleep(1_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
