package dev.berrys.integration.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.AgentEvents;
import dev.berrys.contracts.events.AgentRef;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.PlanningEvents;
import dev.berrys.contracts.events.ProjectEvents;
import dev.berrys.starter.events.EventBusProperties;
import dev.berrys.starter.test.BerrysIntegrationTest;
import dev.berrys.starter.test.TestEvents;
import dev.berrys.starter.test.TestTokens;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Step deadlines (commands sent again, then stalled) and a FAILED workflow reopened by its project's resume. */
@BerrysIntegrationTest
class WorkflowRecoveryIT {
    @Autowired
    RedisClient redis;

    @Autowired
    EventBusProperties props;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StalledWorkflows stalled;

    @LocalServerPort
    int port;

    TestEvents events;
    RestClient http;

    @BeforeEach
    void setUp() {
        events = new TestEvents(redis, props, json);
        http = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + TestTokens.admin())
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {})
                .build();
    }

    @Test
    void aStepPastItsDeadlineHasItsCommandSentAgainThenIsShownStalledUntilAnEventMovesIt() {
        UUID project = started();
        JsonNode fresh = workflowOf(project);
        assertThat(fresh.path("step").asString()).isEqualTo("PLANNING");
        assertThat(Instant.parse(fresh.path("stepDeadline").asString())).isAfter(Instant.now());

        for (int retry = 1; retry <= 3; retry++) {
            pastDeadline(project);
            stalled.drive(100);
            int expected = retry + 1;
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> events.read(Streams.WORKFLOW, EventTypes.PLAN_REQUESTED, project)
                                    .size()
                            == expected);
            assertThat(workflowOf(project).path("stepRetries").asInt()).isEqualTo(retry);
        }
        stalled.drive(100);
        assertThat(count(EventTypes.PLAN_REQUESTED, project))
                .as("once per deadline")
                .isEqualTo(4);

        pastDeadline(project);
        stalled.drive(100);

        JsonNode stalledWorkflow = workflowOf(project);
        assertThat(stalledWorkflow.path("status").asString()).isEqualTo("RUNNING");
        assertThat(stalledWorkflow.path("stalledReason").asString()).contains("PLANNING", "3 retries");
        assertThat(stalledWorkflow.path("steps").values().stream()
                        .map(s -> s.path("eventType").asString()))
                .contains("deadline", "stalled");
        sleep(1_000);
        assertThat(count(EventTypes.PLAN_REQUESTED, project)).isEqualTo(4);

        UUID plan = UUID.randomUUID();
        events.publish(Streams.PLANNING, EventTypes.PLAN_CREATED, project, planCreated(plan, project));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(EventTypes.TEAM_REQUESTED, project) == 1);
        JsonNode moved = workflowOf(project);
        assertThat(moved.path("stalledReason").isNull()).isTrue();
        assertThat(moved.path("stepRetries").asInt()).isZero();

        pastDeadline(project);
        stalled.drive(100);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(EventTypes.TEAM_REQUESTED, project) == 2);
        JsonNode again = events.read(Streams.WORKFLOW, EventTypes.TEAM_REQUESTED, project)
                .getLast();
        assertThat(again.path("data").path("roles").values().stream().map(JsonNode::asString))
                .containsExactly("researcher", "writer");
    }

    @Test
    void aFailedWorkflowGoesOnExecutingWhenItsProjectIsResumed() {
        UUID project = started();
        UUID plan = UUID.randomUUID();
        events.publish(Streams.PLANNING, EventTypes.PLAN_CREATED, project, planCreated(plan, project));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(EventTypes.TEAM_REQUESTED, project) == 1);
        events.publish(Streams.AGENT, EventTypes.TEAM_ASSEMBLED, project, team(project, plan));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(EventTypes.PLAN_RUN_REQUESTED, project) == 1);
        events.publish(Streams.PROJECT, EventTypes.PROJECT_FAILED, project, new ProjectEvents.Failed(project, "boom"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> workflowOf(project).path("status").asString().equals("FAILED"));

        events.publish(Streams.PROJECT, EventTypes.PROJECT_RESUMED, project, new ProjectEvents.Resumed(project));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> workflowOf(project).path("status").asString().equals("RUNNING"));
        JsonNode reopened = workflowOf(project);
        assertThat(reopened.path("step").asString()).isEqualTo("EXECUTING");
        assertThat(reopened.path("outcome").isNull()).isTrue();
        assertThat(reopened.path("stepDeadline").isNull()).isFalse();
        assertThat(count(EventTypes.PLAN_REQUESTED, project))
                .as("the plan is kept")
                .isEqualTo(1);

        events.publish(
                Streams.PROJECT, EventTypes.PROJECT_COMPLETED, project, new ProjectEvents.Completed(project, "ok"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> workflowOf(project).path("status").asString().equals("COMPLETED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(EventTypes.WORKFLOW_COMPLETED, project) == 2);
        assertThat(events.read(Streams.WORKFLOW, EventTypes.WORKFLOW_COMPLETED, project).stream()
                        .map(e -> e.path("data").path("outcome").asString())
                        .toList())
                .containsExactly("FAILED", "COMPLETED");
    }

    @Test
    void aWorkflowThatFailedWhilePlanningAsksForAPlanAgainWhenItsProjectIsResumed() {
        UUID project = started();
        events.publish(
                Streams.PROJECT, EventTypes.PROJECT_FAILED, project, new ProjectEvents.Failed(project, "no plan"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> workflowOf(project).path("status").asString().equals("FAILED"));

        events.publish(Streams.PROJECT, EventTypes.PROJECT_RESUMED, project, new ProjectEvents.Resumed(project));

        await().atMost(Duration.ofSeconds(10)).until(() -> count(EventTypes.PLAN_REQUESTED, project) == 2);
        assertThat(workflowOf(project).path("step").asString()).isEqualTo("PLANNING");
    }

    @Test
    void aTaskCompletedWhileExecutingStartsTheDeadlineAgainAndClearsAStall() {
        UUID project = started();
        UUID plan = UUID.randomUUID();
        events.publish(Streams.PLANNING, EventTypes.PLAN_CREATED, project, planCreated(plan, project));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(EventTypes.TEAM_REQUESTED, project) == 1);
        events.publish(Streams.AGENT, EventTypes.TEAM_ASSEMBLED, project, team(project, plan));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(EventTypes.PLAN_RUN_REQUESTED, project) == 1);
        for (int i = 0; i < 4; i++) {
            pastDeadline(project);
            stalled.drive(100);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count(EventTypes.PLAN_RUN_REQUESTED, project) == 4);
        assertThat(workflowOf(project).path("stalledReason").asString()).contains("EXECUTING");

        events.publish(
                Streams.PLANNING,
                EventTypes.TASK_COMPLETED,
                project,
                new PlanningEvents.TaskCompleted(UUID.randomUUID(), plan, project, 1, 2));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> workflowOf(project).path("stalledReason").isNull());
        assertThat(Instant.parse(workflowOf(project).path("stepDeadline").asString()))
                .isAfter(Instant.now());
    }

    @Test
    void anAgentsQuestionToAPersonHoldsTheExecutingDeadlineUntilItIsAnswered() {
        UUID project = started();
        UUID plan = UUID.randomUUID();
        events.publish(Streams.PLANNING, EventTypes.PLAN_CREATED, project, planCreated(plan, project));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(EventTypes.TEAM_REQUESTED, project) == 1);
        events.publish(Streams.AGENT, EventTypes.TEAM_ASSEMBLED, project, team(project, plan));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(EventTypes.PLAN_RUN_REQUESTED, project) == 1);
        UUID question = UUID.randomUUID();
        UUID execution = UUID.randomUUID();
        UUID task = UUID.randomUUID();

        events.publish(
                Streams.AGENT,
                EventTypes.EXECUTION_INPUT_REQUESTED,
                execution,
                new AgentEvents.ExecutionInputRequested(
                        question, execution, task, project, UUID.randomUUID(), 1, "Which one?", List.of()));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> workflowOf(project).path("stepDeadline").isNull());
        for (int i = 0; i < 5; i++) {
            pastDeadline(project);
            stalled.drive(100);
        }
        JsonNode waiting = workflowOf(project);
        assertThat(waiting.path("stalledReason").isNull()).isTrue();
        assertThat(waiting.path("status").asString()).isEqualTo("RUNNING");
        assertThat(count(EventTypes.PLAN_RUN_REQUESTED, project)).isEqualTo(1);

        events.publish(
                Streams.AGENT,
                EventTypes.EXECUTION_INPUT_RECEIVED,
                execution,
                new AgentEvents.ExecutionInputReceived(question, execution, task, project, 1, "That one.", "alice"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !workflowOf(project).path("stepDeadline").isNull());
        assertThat(Instant.parse(workflowOf(project).path("stepDeadline").asString()))
                .isAfter(Instant.now());
    }

    private UUID started() {
        UUID project = UUID.randomUUID();
        events.publish(
                Streams.PROJECT,
                EventTypes.PROJECT_STARTED,
                project,
                new ProjectEvents.Started(project, "haiku", "Write a haiku", null, null, false));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(EventTypes.PLAN_REQUESTED, project) == 1);
        return project;
    }

    private void pastDeadline(UUID project) {
        jdbc.update(
                "update workflow set step_deadline = now() - interval '1 second'"
                        + " where project_id = ? and step_deadline is not null",
                project);
    }

    private int count(String type, UUID project) {
        return events.read(Streams.WORKFLOW, type, project).size();
    }

    private JsonNode workflowOf(UUID project) {
        JsonNode page =
                http.get().uri("/api/workflows?projectId=" + project).retrieve().body(JsonNode.class);
        String id = page.path("content").get(0).path("id").asString();
        return http.get().uri("/api/workflows/" + id).retrieve().body(JsonNode.class);
    }

    private static PlanningEvents.PlanCreated planCreated(UUID plan, UUID project) {
        UUID research = UUID.randomUUID();
        UUID write = UUID.randomUUID();
        return new PlanningEvents.PlanCreated(
                plan,
                project,
                1,
                List.of(
                        new PlanningEvents.TaskSpec(research, "Research", "researcher", List.of()),
                        new PlanningEvents.TaskSpec(write, "Write", "writer", List.of(research))),
                List.of(research, write));
    }

    private static AgentEvents.TeamAssembled team(UUID project, UUID plan) {
        return new AgentEvents.TeamAssembled(
                project,
                plan,
                List.of(
                        new AgentRef(UUID.randomUUID(), "researcher", "Researcher-1"),
                        new AgentRef(UUID.randomUUID(), "writer", "Writer-1")));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
