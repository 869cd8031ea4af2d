package dev.berrys.planning.plan.web;

import static dev.berrys.starter.test.model.Answers.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.WorkflowEvents.PlanRequested;
import dev.berrys.planning.PlanningITSupport;
import dev.berrys.starter.test.TestTokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

class PlanApiIT extends PlanningITSupport {
    static final String DIAMOND = proposal(
            task("research", "researcher"),
            task("build", "developer"),
            task("write", "writer", "research", "build"),
            task("review", "reviewer", "write"));

    RestClient admin;
    RestClient viewer;

    @BeforeEach
    void clients() {
        admin = api(TestTokens.admin());
        viewer = api(TestTokens.viewer());
    }

    @Test
    void aPlanShowsItsTasksDependenciesAndCriticalPath() {
        UUID project = UUID.randomUUID();
        UUID plan = planned(project, "Write a report", DIAMOND);

        JsonNode body = get(viewer, "/api/plans/" + plan).getBody();
        assertThat(body.get("id").asString()).isEqualTo(plan.toString());
        assertThat(body.get("projectId").asString()).isEqualTo(project.toString());
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("status").asString()).isEqualTo("CREATED");
        assertThat(body.get("goal").asString()).isEqualTo("Write a report");
        assertThat(body.get("tasks"))
                .extracting(t -> t.get("key").asString())
                .containsExactly("research", "build", "write", "review");
        JsonNode write = body.get("tasks").get(2);
        assertThat(write.get("dependsOn"))
                .extracting(JsonNode::asString)
                .containsExactlyInAnyOrder(id(plan, "research"), id(plan, "build"));
        assertThat(write.get("role").asString()).isEqualTo("writer");
        assertThat(write.get("status").asString()).isEqualTo("PENDING");
        assertThat(write.get("attempts").asInt()).isZero();
        assertThat(write.get("onCriticalPath").asBoolean()).isTrue();
        assertThat(body.get("tasks").get(1).get("onCriticalPath").asBoolean()).isFalse();
        assertThat(body.get("criticalPath"))
                .extracting(JsonNode::asString)
                .containsExactly(id(plan, "research"), id(plan, "write"), id(plan, "review"));
    }

    @Test
    void aProjectListsItsVersionsNewestFirstAndTheTasksOfTheLatest() {
        UUID project = UUID.randomUUID();
        UUID first = planned(project, "Write a report", DIAMOND);
        MODEL.script(project, text(proposal(task("only", "writer"), task("check", "reviewer", "only"))));
        publish(
                Streams.WORKFLOW,
                EventTypes.PLAN_REQUESTED,
                new PlanRequested(UUID.randomUUID(), project, "Write a report", "shorter please", first));
        await().atMost(WAIT).until(() -> !first.equals(latestPlan(project)));
        UUID second = latestPlan(project);

        JsonNode versions = get(admin, "/api/plans?projectId=" + project).getBody();
        assertThat(versions.get("totalElements").asInt()).isEqualTo(2);
        assertThat(versions.get("content"))
                .extracting(v -> v.get("version").asInt())
                .containsExactly(2, 1);
        JsonNode latest = versions.get("content").get(0);
        assertThat(latest.get("id").asString()).isEqualTo(second.toString());
        assertThat(latest.get("taskCount").asInt()).isEqualTo(2);
        assertThat(latest.get("feedback").asString()).isEqualTo("shorter please");
        assertThat(latest.get("createdAt").asString()).isNotBlank();
        assertThat(versions.get("content").get(1).get("status").asString()).isEqualTo("SUPERSEDED");

        JsonNode tasks = get(admin, "/api/tasks?projectId=" + project).getBody();
        assertThat(tasks.get("content"))
                .extracting(t -> t.get("key").asString())
                .containsExactly("only", "check");
        JsonNode older = get(admin, "/api/tasks?projectId=" + project + "&planId=" + first + "&size=3&page=1")
                .getBody();
        assertThat(older.get("totalElements").asInt()).isEqualTo(4);
        assertThat(older.get("totalPages").asInt()).isEqualTo(2);
        assertThat(older.get("content"))
                .extracting(t -> t.get("key").asString())
                .containsExactly("review");
        assertThat(get(admin, "/api/tasks?projectId=" + project + "&status=PENDING")
                        .getBody()
                        .get("totalElements")
                        .asInt())
                .isEqualTo(2);
        assertThat(get(admin, "/api/tasks?projectId=" + project + "&status=COMPLETED")
                        .getBody()
                        .get("content"))
                .isEmpty();

        UUID only = taskId(second, "only");
        JsonNode task = get(viewer, "/api/tasks/" + only).getBody();
        assertThat(task.get("id").asString()).isEqualTo(only.toString());
        assertThat(task.get("planId").asString()).isEqualTo(second.toString());
        assertThat(task.get("projectId").asString()).isEqualTo(project.toString());
        assertThat(task.get("title").asString()).isEqualTo("Task only");
        assertThat(task.get("description").asString()).isEqualTo("Work on only");
        assertThat(task.get("dependsOn")).isEmpty();
        assertThat(task.has("agentId")).isTrue();
        assertThat(task.has("startedAt")).isTrue();
        assertThat(task.has("output")).isTrue();
    }

    @Test
    void unknownIdsAreNotFound() {
        ResponseEntity<JsonNode> plan = get(admin, "/api/plans/" + UUID.randomUUID());
        assertThat(plan.getStatusCode().value()).isEqualTo(404);
        assertThat(plan.getBody().get("type").asString()).endsWith("/not-found");
        assertThat(get(admin, "/api/tasks/" + UUID.randomUUID()).getStatusCode().value())
                .isEqualTo(404);
    }

    @Test
    void listsWithoutAProjectOrWithBadParametersAreBadRequestsNamingTheParameter() {
        for (String path : List.of("/api/plans", "/api/tasks", "/api/tasks?status=READY")) {
            ResponseEntity<JsonNode> response = get(admin, path);
            assertThat(response.getStatusCode().value()).as(path).isEqualTo(400);
            assertThat(response.getBody().get("field").asString()).as(path).isEqualTo("projectId");
        }
        ResponseEntity<JsonNode> badStatus = get(admin, "/api/tasks?projectId=" + UUID.randomUUID() + "&status=DONE");
        assertThat(badStatus.getStatusCode().value()).isEqualTo(400);
        assertThat(badStatus.getBody().get("field").asString()).isEqualTo("status");
        ResponseEntity<JsonNode> badSize = get(admin, "/api/plans?projectId=" + UUID.randomUUID() + "&size=0");
        assertThat(badSize.getStatusCode().value()).isEqualTo(400);
        assertThat(badSize.getBody().get("field").asString()).isEqualTo("size");
        ResponseEntity<JsonNode> badId = get(admin, "/api/plans?projectId=not-a-uuid");
        assertThat(badId.getStatusCode().value()).isEqualTo(400);
        assertThat(badId.getBody().get("field").asString()).isEqualTo("projectId");
    }

    @Test
    void anotherTenantsPlansAndTasksAreInvisible() {
        UUID project = UUID.randomUUID();
        MODEL.script(project, text(DIAMOND));
        publish(
                Streams.WORKFLOW,
                EventTypes.PLAN_REQUESTED,
                new PlanRequested(UUID.randomUUID(), project, "Their secret goal", null, null),
                "other",
                UUID.randomUUID());
        await().atMost(WAIT).until(() -> latestPlan(project) != null);
        UUID plan = latestPlan(project);
        RestClient other = api(TestTokens.token("someone", "other", "VIEWER"));

        assertThat(get(other, "/api/plans/" + plan).getStatusCode().value()).isEqualTo(200);
        assertThat(get(other, "/api/tasks?projectId=" + project)
                        .getBody()
                        .get("totalElements")
                        .asInt())
                .isEqualTo(4);

        assertThat(get(admin, "/api/plans/" + plan).getStatusCode().value()).isEqualTo(404);
        assertThat(get(admin, "/api/tasks/" + taskId(plan, "research"))
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(get(admin, "/api/plans?projectId=" + project)
                        .getBody()
                        .get("totalElements")
                        .asInt())
                .isZero();
        assertThat(get(admin, "/api/tasks?projectId=" + project)
                        .getBody()
                        .get("totalElements")
                        .asInt())
                .isZero();
        assertThat(jdbc.queryForObject("select tenant from plan where id = ?", String.class, plan))
                .isEqualTo("other");
        assertThat(jdbc.queryForList("select distinct tenant from task where plan_id = ?", String.class, plan))
                .containsExactly("other");
    }

    @Test
    void aRequestWithoutATokenIsUnauthorized() {
        ResponseEntity<JsonNode> response = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, r) -> {})
                .build()
                .get()
                .uri("/api/plans?projectId=" + UUID.randomUUID())
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
    }

    private ResponseEntity<JsonNode> get(RestClient client, String path) {
        return client.get().uri(path).retrieve().toEntity(JsonNode.class);
    }

    private String id(UUID plan, String key) {
        return taskId(plan, key).toString();
    }
}
