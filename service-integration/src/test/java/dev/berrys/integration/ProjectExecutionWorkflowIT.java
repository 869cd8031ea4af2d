package dev.berrys.integration;

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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@BerrysIntegrationTest
class ProjectExecutionWorkflowIT {
    @Autowired
    RedisClient redis;

    @Autowired
    EventBusProperties props;

    @Autowired
    JsonMapper json;

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
    void aProjectWithoutApprovalGoesFromPlanToTeamToRunAndCloses() {
        UUID project = UUID.randomUUID();
        events.publish(Streams.PROJECT, EventTypes.PROJECT_STARTED, project, started(project, false));
        JsonNode planRequested = awaitOne(Streams.WORKFLOW, EventTypes.PLAN_REQUESTED, project);
        assertThat(planRequested.path("data").path("goal").asString()).isEqualTo("Write a haiku");

        UUID plan = UUID.randomUUID();
        events.publish(Streams.PLANNING, EventTypes.PLAN_CREATED, project, planCreated(plan, project, 1));
        JsonNode teamRequested = awaitOne(Streams.WORKFLOW, EventTypes.TEAM_REQUESTED, project);
        assertThat(teamRequested.path("data").path("roles").values().stream().map(JsonNode::asString))
                .containsExactly("researcher", "writer");

        events.publish(Streams.AGENT, EventTypes.TEAM_ASSEMBLED, project, team(project, plan));
        JsonNode run = awaitOne(Streams.WORKFLOW, EventTypes.PLAN_RUN_REQUESTED, project);
        assertThat(run.path("data").path("planId").asString()).isEqualTo(plan.toString());
        assertThat(run.path("data").path("agents")).hasSize(2);
        assertThat(events.read(Streams.WORKFLOW, EventTypes.APPROVAL_REQUIRED, project))
                .isEmpty();

        events.publish(
                Streams.PROJECT, EventTypes.PROJECT_COMPLETED, project, new ProjectEvents.Completed(project, "ok"));
        awaitOne(Streams.WORKFLOW, EventTypes.WORKFLOW_COMPLETED, project);

        JsonNode workflow = workflowOf(project);
        assertThat(workflow.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(workflow.path("steps").values().stream()
                        .map(s -> s.path("eventType").asString()))
                .containsExactly(
                        EventTypes.PROJECT_STARTED,
                        EventTypes.PLAN_CREATED,
                        EventTypes.TEAM_ASSEMBLED,
                        EventTypes.PROJECT_COMPLETED);
    }

    @Test
    void aRejectedPlanIsReplannedWithTheCommentAndAnApprovedOneRuns() {
        UUID project = UUID.randomUUID();
        events.publish(Streams.PROJECT, EventTypes.PROJECT_STARTED, project, started(project, true));
        awaitOne(Streams.WORKFLOW, EventTypes.PLAN_REQUESTED, project);
        UUID plan1 = UUID.randomUUID();
        events.publish(Streams.PLANNING, EventTypes.PLAN_CREATED, project, planCreated(plan1, project, 1));
        awaitOne(Streams.WORKFLOW, EventTypes.TEAM_REQUESTED, project);
        events.publish(Streams.AGENT, EventTypes.TEAM_ASSEMBLED, project, team(project, plan1));
        awaitOne(Streams.WORKFLOW, EventTypes.APPROVAL_REQUIRED, project);
        assertThat(events.read(Streams.WORKFLOW, EventTypes.PLAN_RUN_REQUESTED, project))
                .isEmpty();

        events.publish(
                Streams.PROJECT,
                EventTypes.APPROVAL_REJECTED,
                project,
                new ProjectEvents.ApprovalRejected(UUID.randomUUID(), project, plan1, "add a fact check"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.read(Streams.WORKFLOW, EventTypes.PLAN_REQUESTED, project)
                                .size()
                        == 2);
        JsonNode replan = events.read(Streams.WORKFLOW, EventTypes.PLAN_REQUESTED, project)
                .get(1);
        assertThat(replan.path("data").path("feedback").asString()).isEqualTo("add a fact check");
        assertThat(replan.path("data").path("previousPlanId").asString()).isEqualTo(plan1.toString());

        UUID plan2 = UUID.randomUUID();
        events.publish(Streams.PLANNING, EventTypes.PLAN_CREATED, project, planCreated(plan2, project, 2));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.read(Streams.WORKFLOW, EventTypes.TEAM_REQUESTED, project)
                                .size()
                        == 2);
        events.publish(Streams.AGENT, EventTypes.TEAM_ASSEMBLED, project, team(project, plan2));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.read(Streams.WORKFLOW, EventTypes.APPROVAL_REQUIRED, project)
                                .size()
                        == 2);

        // an approval for the superseded plan moves nothing
        events.publish(
                Streams.PROJECT,
                EventTypes.APPROVAL_GRANTED,
                project,
                new ProjectEvents.ApprovalGranted(UUID.randomUUID(), project, plan1, null));
        events.publish(
                Streams.PROJECT,
                EventTypes.APPROVAL_GRANTED,
                project,
                new ProjectEvents.ApprovalGranted(UUID.randomUUID(), project, plan2, "go"));
        JsonNode run = awaitOne(Streams.WORKFLOW, EventTypes.PLAN_RUN_REQUESTED, project);
        assertThat(run.path("data").path("planId").asString()).isEqualTo(plan2.toString());
        assertThat(workflowOf(project).path("step").asString()).isEqualTo("EXECUTING");
    }

    @Test
    void aDuplicatedStartCreatesOneWorkflow() {
        UUID project = UUID.randomUUID();
        events.publish(Streams.PROJECT, EventTypes.PROJECT_STARTED, project, started(project, false));
        events.publish(Streams.PROJECT, EventTypes.PROJECT_STARTED, project, started(project, false));
        awaitOne(Streams.WORKFLOW, EventTypes.PLAN_REQUESTED, project);
        sleep(1_500);
        assertThat(events.read(Streams.WORKFLOW, EventTypes.PLAN_REQUESTED, project))
                .hasSize(1);
        JsonNode page =
                http.get().uri("/api/workflows?projectId=" + project).retrieve().body(JsonNode.class);
        assertThat(page.path("totalElements").asLong()).isEqualTo(1);
    }

    @Test
    void workflowsAreNotFoundForAnotherTenantAndBadIdsAre400() {
        UUID project = UUID.randomUUID();
        events.publish(Streams.PROJECT, EventTypes.PROJECT_STARTED, project, started(project, false));
        awaitOne(Streams.WORKFLOW, EventTypes.PLAN_REQUESTED, project);
        String id = workflowOf(project).path("id").asString();

        var other = http.get()
                .uri("/api/workflows/" + id)
                .header("Authorization", "Bearer " + TestTokens.token("eve", "other-tenant", "ADMIN"))
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(other.getStatusCode().value()).isEqualTo(404);
        assertThat(other.getBody().path("type").asString()).isEqualTo("https://berrys.dev/problems/not-found");

        var bad = http.get().uri("/api/workflows/not-a-uuid").retrieve().toEntity(JsonNode.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody().path("field").asString()).isEqualTo("id");

        var viewer = http.get()
                .uri("/api/dead-letters")
                .header("Authorization", "Bearer " + TestTokens.viewer())
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(viewer.getStatusCode().value()).isEqualTo(403);
        assertThat(viewer.getBody().path("type").asString()).isEqualTo("https://berrys.dev/problems/forbidden");

        var anonymous = RestClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/api/workflows")
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(anonymous).isEqualTo(401);
    }

    private JsonNode workflowOf(UUID project) {
        JsonNode page =
                http.get().uri("/api/workflows?projectId=" + project).retrieve().body(JsonNode.class);
        String id = page.path("content").get(0).path("id").asString();
        return http.get().uri("/api/workflows/" + id).retrieve().body(JsonNode.class);
    }

    private JsonNode awaitOne(String stream, String type, UUID project) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !events.read(stream, type, project).isEmpty());
        List<JsonNode> found = events.read(stream, type, project);
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    private static ProjectEvents.Started started(UUID project, boolean approval) {
        return new ProjectEvents.Started(project, "haiku", "Write a haiku", null, null, approval);
    }

    private static PlanningEvents.PlanCreated planCreated(UUID plan, UUID project, int version) {
        UUID research = UUID.randomUUID();
        UUID write = UUID.randomUUID();
        return new PlanningEvents.PlanCreated(
                plan,
                project,
                version,
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
