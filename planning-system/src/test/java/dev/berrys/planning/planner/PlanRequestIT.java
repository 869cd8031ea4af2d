package dev.berrys.planning.planner;

import static dev.berrys.starter.test.model.Answers.problem;
import static dev.berrys.starter.test.model.Answers.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.WorkflowEvents.PlanRequested;
import dev.berrys.planning.PlanningITSupport;
import dev.berrys.starter.test.model.Request;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PlanRequestIT extends PlanningITSupport {

    static final String DIAMOND = proposal(
            task("research", "researcher"),
            task("build", "developer"),
            task("write", "writer", "research", "build"),
            task("review", "reviewer", "write"));

    static final String BROKEN = proposal(
            task("a", "researcher", "c"), task("b", "astronaut"), task("c", "writer", "a"), task("d", "reviewer", "d"));

    @Test
    void aValidProposalBecomesVersionOneWithItsDependenciesAndCriticalPath() {
        UUID project = UUID.randomUUID();
        MODEL.script(project, text(DIAMOND));
        requestPlan(project, "Compare three databases and write a report", null, null);

        UUID plan = awaitPlan(project, 1);
        assertThat(jdbc.queryForMap("select version, status, task_count, goal from plan where id = ?", plan))
                .containsEntry("version", 1)
                .containsEntry("status", "CREATED")
                .containsEntry("task_count", 4)
                .containsEntry("goal", "Compare three databases and write a report");
        assertThat(dependencies(plan)).containsExactlyInAnyOrder("write<-research", "write<-build", "review<-write");
        assertThat(jdbc.queryForList(
                        "select task_key from task where plan_id = ? and critical_position is not null"
                                + " order by critical_position",
                        String.class,
                        plan))
                .containsExactly("research", "write", "review");
        assertThat(jdbc.queryForList("select status from task where plan_id = ? order by position", String.class, plan))
                .containsOnly("PENDING");

        JsonNode created = awaitPublished(EventTypes.PLAN_CREATED, project, 1).getFirst();
        assertThat(created.get("planId").asString()).isEqualTo(plan.toString());
        assertThat(created.get("version").asInt()).isEqualTo(1);
        assertThat(created.get("tasks")).hasSize(4);
        JsonNode write = created.get("tasks").get(2);
        assertThat(write.get("role").asString()).isEqualTo("writer");
        assertThat(ids(write.get("dependsOn")))
                .containsExactlyInAnyOrder(
                        taskId(plan, "research").toString(),
                        taskId(plan, "build").toString());
        assertThat(ids(created.get("criticalPath")))
                .containsExactly(
                        taskId(plan, "research").toString(),
                        taskId(plan, "write").toString(),
                        taskId(plan, "review").toString());

        Request call = MODEL.requests(project).getFirst();
        assertThat(call.purpose()).isEqualTo("plan");
        assertThat(call.authorization()).startsWith("Bearer ");
        assertThat(call.body().get("model").asString()).isEqualTo("auto");
        JsonNode format = call.body().get("response_format");
        assertThat(format.get("type").asString()).isEqualTo("json_schema");
        assertThat(format.get("json_schema").get("name").asString()).isEqualTo("berrys_plan");
        assertThat(format.get("json_schema")
                        .get("schema")
                        .get("required")
                        .get(0)
                        .asString())
                .isEqualTo("tasks");
        String system = call.message(0);
        assertThat(system).contains("coordinator", "researcher", "developer", "writer", "reviewer", "250");
        assertThat(call.lastUserMessage()).contains("Compare three databases and write a report");
    }

    @Test
    void anInvalidProposalIsAskedForOnceMoreWithItsErrorsAndThenFailsThePlanning() {
        UUID project = UUID.randomUUID();
        MODEL.script(project, text(BROKEN));
        requestPlan(project, "Plan something impossible", null, null);

        JsonNode failed = awaitPublished(EventTypes.PLAN_FAILED, project, 1).getFirst();
        assertThat(failed.get("projectId").asString()).isEqualTo(project.toString());
        assertThat(failed.get("planId").isNull()).isTrue();
        assertThat(failed.get("reason").asString())
                .contains("no valid plan", "cycle", "astronaut", "depends on itself");

        List<Request> calls = MODEL.requests(project);
        assertThat(calls).hasSize(2);
        String correction = calls.get(1).lastUserMessage();
        assertThat(correction)
                .contains("validation errors", "cycle", "'a' → 'c' → 'a'", "unknown role 'astronaut'")
                .contains("Task 'd' depends on itself");
        assertThat(calls.get(1)
                        .messages()
                        .get(calls.get(1).messages().size() - 2)
                        .get("role")
                        .asString())
                .isEqualTo("assistant");
        assertThat(latestPlan(project)).isNull();
        assertThat(requestStatus(project)).isEqualTo("FAILED");
    }

    @Test
    void aProposalFixedOnTheSecondAskBecomesThePlan() {
        UUID project = UUID.randomUUID();
        MODEL.script(project, text(proposal(task("x", "pilot"))), text(DIAMOND));
        requestPlan(project, "Fix it on the second try", null, null);

        UUID plan = awaitPlan(project, 1);
        assertThat(MODEL.requests(project)).hasSize(2);
        assertThat(MODEL.requests(project).get(1).lastUserMessage()).contains("unknown role 'pilot'");
        // each ask is its own call to model-orchestration
        UUID request = jdbc.queryForObject("select id from plan_request where project_id = ?", UUID.class, project);
        assertThat(MODEL.requests(project).stream().map(Request::idempotencyKey))
                .containsExactly("plan-request:" + request + ":ask:1", "plan-request:" + request + ":ask:2");
        assertThat(jdbc.queryForObject("select count(*) from task where plan_id = ?", Integer.class, plan))
                .isEqualTo(4);
        assertThat(published(EventTypes.PLAN_FAILED, project)).isEmpty();
    }

    @Test
    void anAnswerThatIsNotJsonOrBreaksTheSchemaIsCorrectedLikeAnInvalidGraph() {
        UUID project = UUID.randomUUID();
        MODEL.script(
                project,
                text("Sure! Here is a plan: research, then write."),
                text("{\"tasks\":[{\"key\":\"t1\",\"title\":\"No role\",\"description\":\"d\","
                        + "\"dependsOn\":[]}]}"));
        requestPlan(project, "Answer badly", null, null);

        JsonNode failed = awaitPublished(EventTypes.PLAN_FAILED, project, 1).getFirst();
        assertThat(MODEL.requests(project)).hasSize(2);
        assertThat(MODEL.requests(project).get(1).lastUserMessage()).contains("not valid JSON");
        assertThat(failed.get("reason").asString()).contains("schema", "role");
    }

    @Test
    void anOutageOfTheModelLongerThanTheOldRetriesIsWaitedOutAndAPlanStillComes() {
        UUID project = UUID.randomUUID();
        MODEL.script(
                project,
                problem(503, "unavailable", "scripted failure"),
                problem(502, "unavailable", "scripted failure"),
                problem(504, "unavailable", "scripted failure"),
                problem(503, "unavailable", "scripted failure"),
                problem(503, "unavailable", "scripted failure"),
                problem(503, "unavailable", "scripted failure"),
                problem(503, "unavailable", "scripted failure"),
                text(DIAMOND));
        requestPlan(project, "Survive an outage", null, null);

        awaitPlan(project, 1);
        assertThat(MODEL.requests(project)).hasSize(8);
        // every try was the same call: model-orchestration makes and charges one that got through once
        UUID request = jdbc.queryForObject("select id from plan_request where project_id = ?", UUID.class, project);
        assertThat(MODEL.requests(project).stream().map(Request::idempotencyKey))
                .containsOnly("plan-request:" + request + ":ask:1");
    }

    @Test
    void aModelUnavailableForLongerThanTheOutageToleranceFailsThePlanning() {
        UUID project = UUID.randomUUID();
        MODEL.script(project, problem(503, "unavailable", "scripted failure"));
        requestPlan(project, "Nobody answers", null, null);

        JsonNode failed = awaitPublished(EventTypes.PLAN_FAILED, project, 1).getFirst();
        assertThat(failed.get("reason").asString()).contains("could not be reached", "503", "outage tolerance");
        assertThat(MODEL.requests(project).size()).isGreaterThan(6);
    }

    @Test
    void aModelsFailedAnswerIsTriedAgainUnderTheSameKeyAndThenFailsThePlanning() {
        UUID project = UUID.randomUUID();
        MODEL.script(project, problem(500, "unavailable", "scripted failure"));
        requestPlan(project, "A broken model", null, null);

        JsonNode failed = awaitPublished(EventTypes.PLAN_FAILED, project, 1).getFirst();
        assertThat(failed.get("reason").asString()).contains("failed the planning call", "500");
        assertThat(MODEL.requests(project)).hasSize(PlanningModel.ANSWER_TRIES);
        assertThat(MODEL.requests(project))
                .extracting(Request::idempotencyKey)
                .containsOnly(MODEL.requests(project).getFirst().idempotencyKey());
    }

    @Test
    void aFailedAnswerFollowedByAGoodOneGivesAPlan() {
        UUID project = UUID.randomUUID();
        MODEL.script(project, problem(500, "unavailable", "scripted failure"), text(DIAMOND));
        requestPlan(project, "A flaky model", null, null);

        awaitPublished(EventTypes.PLAN_CREATED, project, 1);
        assertThat(MODEL.requests(project)).hasSize(2);
    }

    @Test
    void aRefusedCallIsNotRetried() {
        UUID project = UUID.randomUUID();
        MODEL.script(project, problem(402, "unavailable", "scripted failure"));
        requestPlan(project, "Over budget", null, null);

        JsonNode failed = awaitPublished(EventTypes.PLAN_FAILED, project, 1).getFirst();
        assertThat(failed.get("reason").asString()).contains("refused", "402", "scripted failure");
        assertThat(MODEL.requests(project)).hasSize(1);
    }

    @Test
    void aRejectedPlanIsReplannedAsTheNextVersionWithTheFeedbackAndThePreviousPlan() {
        UUID project = UUID.randomUUID();
        MODEL.script(project, text(DIAMOND));
        requestPlan(project, "Write a report", null, null);
        UUID first = awaitPlan(project, 1);

        MODEL.script(project, text(proposal(task("only", "writer"))));
        requestPlan(project, "Write a report", "Too many steps, just write it", first);
        UUID second = awaitPlan(project, 2);

        assertThat(second).isNotEqualTo(first);
        assertThat(planStatus(first)).isEqualTo("SUPERSEDED");
        assertThat(jdbc.queryForObject("select feedback from plan where id = ?", String.class, second))
                .isEqualTo("Too many steps, just write it");
        String asked = MODEL.requests(project).getLast().lastUserMessage();
        assertThat(asked).contains("Too many steps, just write it", "\"key\":\"review\"", "Write a report");
        JsonNode created = awaitPublished(EventTypes.PLAN_CREATED, project, 2).getLast();
        assertThat(created.get("version").asInt()).isEqualTo(2);
    }

    @Test
    void aRequestLeftWithoutAWorkerIsPickedUpByRecovery() {
        UUID project = UUID.randomUUID();
        MODEL.script(project, text(DIAMOND));
        // as if the service had stored the request and died before its worker called the model
        jdbc.update(
                "insert into plan_request (id, event_id, tenant, workflow_id, project_id, goal, status, created_at)"
                        + " values (?, ?, ?, ?, ?, 'Recovered goal', 'PENDING', now())",
                UUID.randomUUID(),
                UUID.randomUUID(),
                TENANT,
                UUID.randomUUID(),
                project);

        awaitPlan(project, 1);
        assertThat(requestStatus(project)).isEqualTo("DONE");
    }

    private void requestPlan(UUID project, String goal, String feedback, UUID previous) {
        publish(
                Streams.WORKFLOW,
                EventTypes.PLAN_REQUESTED,
                new PlanRequested(UUID.randomUUID(), project, goal, feedback, previous));
    }

    private UUID awaitPlan(UUID project, int version) {
        await().atMost(WAIT)
                .until(() -> jdbc.queryForObject(
                                "select count(*) from plan where project_id = ? and version = ?",
                                Integer.class,
                                project,
                                version)
                        == 1);
        return jdbc.queryForObject(
                "select id from plan where project_id = ? and version = ?", UUID.class, project, version);
    }

    private String requestStatus(UUID project) {
        await().atMost(WAIT).until(() -> !"PENDING"
                .equals(jdbc.queryForObject(
                        "select status from plan_request where project_id = ? order by created_at desc" + " limit 1",
                        String.class,
                        project)));
        return jdbc.queryForObject(
                "select status from plan_request where project_id = ? order by created_at desc limit 1",
                String.class,
                project);
    }

    private List<String> dependencies(UUID plan) {
        return jdbc.query(
                "select t.task_key, d.task_key from task_dependency x join task t on t.id = x.task_id"
                        + " join task d on d.id = x.depends_on_id where t.plan_id = ?",
                (rs, i) -> rs.getString(1) + "<-" + rs.getString(2),
                plan);
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asString)
                .toList();
    }
}
