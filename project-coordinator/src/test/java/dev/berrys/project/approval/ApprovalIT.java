package dev.berrys.project.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.AgentRef;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.WorkflowEvents;
import dev.berrys.project.support.Api;
import dev.berrys.project.support.IntegrationTestBase;
import dev.berrys.starter.test.TestTokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A plan that needs approval waits in the inbox until a person decides. */
class ApprovalIT extends IntegrationTestBase {

    @Test
    void theWorkflowsRequestOpensOneApprovalAndTheProjectWaits() {
        UUID id = startedProject("\"requirePlanApproval\":true");
        Plan plan = planCreated(id, 3, 1);

        UUID workflow = UUID.randomUUID();
        emit(Streams.WORKFLOW, EventTypes.APPROVAL_REQUIRED, id, required(workflow, plan, 1));
        JsonNode approval = awaitPendingApproval(id);
        // the workflow asking again (a redelivery, a retry) opens no second approval
        UUID again = emit(Streams.WORKFLOW, EventTypes.APPROVAL_REQUIRED, id, required(workflow, plan, 1));
        await().atMost(WAIT).until(() -> handled(again));

        assertThat(approvals("?projectId=" + id).get("content")).hasSize(1);
        assertThat(approval.get("planId").asString()).isEqualTo(plan.planId().toString());
        assertThat(approval.get("planVersion").asInt()).isEqualTo(1);
        assertThat(approval.get("status").asString()).isEqualTo("PENDING");
        assertThat(approval.get("summary").asString()).isEqualTo("3 tasks, 2 roles");
        assertThat(approval.get("decidedAt").isNull()).isTrue();
        assertThat(project(id).get("status").asString()).isEqualTo("AWAITING_APPROVAL");
        JsonNode requested = published(id, EventTypes.APPROVAL_REQUESTED).getFirst();
        assertThat(requested.get("approvalId").asString())
                .isEqualTo(approval.get("id").asString());
        assertThat(requested.get("planVersion").asInt()).isEqualTo(1);
        assertThat(published(id, EventTypes.APPROVAL_REQUESTED)).hasSize(1);

        Api.Response one = api.get("/api/approvals/" + approval.get("id").asString(), TestTokens.viewer());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().get("projectId").asString()).isEqualTo(id.toString());
    }

    @Test
    void approvingSendsTheProjectBackToPlanningAndRunsOnTheWorkflowsRequest() {
        UUID id = startedProject("\"requirePlanApproval\":true");
        Plan plan = planCreated(id, 2, 1);
        emit(Streams.WORKFLOW, EventTypes.APPROVAL_REQUIRED, id, required(UUID.randomUUID(), plan, 1));
        String approvalId = awaitPendingApproval(id).get("id").asString();

        Api.Response viewer = api.post("/api/approvals/" + approvalId + "/approve", TestTokens.viewer(), null);
        assertThat(viewer.status()).isEqualTo(403);

        Api.Response approved =
                api.post("/api/approvals/" + approvalId + "/approve", admin(), "{\"comment\":\"looks right\"}");
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body().get("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.body().get("comment").asString()).isEqualTo("looks right");
        assertThat(approved.body().get("decidedBy").asString()).isEqualTo("admin");
        assertThat(approved.body().get("decidedAt").asString()).isNotBlank();
        assertThat(project(id).get("status").asString()).isEqualTo("PLANNING");
        JsonNode granted = published(id, EventTypes.APPROVAL_GRANTED).getFirst();
        assertThat(granted.get("approvalId").asString()).isEqualTo(approvalId);
        assertThat(granted.get("planId").asString()).isEqualTo(plan.planId().toString());
        assertThat(granted.get("comment").asString()).isEqualTo("looks right");

        Api.Response twice = api.post("/api/approvals/" + approvalId + "/reject", admin(), "{\"comment\":\"no\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body().get("type").asString()).endsWith("/approval-decided");
        assertThat(api.post("/api/approvals/" + approvalId + "/approve", admin(), null)
                        .status())
                .isEqualTo(409);
        assertThat(published(id)).doesNotContain(EventTypes.APPROVAL_REJECTED);

        emit(
                Streams.WORKFLOW,
                EventTypes.PLAN_RUN_REQUESTED,
                id,
                new WorkflowEvents.PlanRunRequested(
                        UUID.randomUUID(), id, plan.planId(), List.of(new AgentRef(UUID.randomUUID(), "writer", "w"))));
        awaitStatus(id, "RUNNING");
        assertThat(approvals("?status=PENDING&projectId=" + id).get("content")).isEmpty();
        assertThat(approvals("?status=APPROVED&projectId=" + id).get("content")).hasSize(1);
    }

    @Test
    void rejectingNeedsACommentWhichGoesToTheWorkflowForTheNextPlan() {
        UUID id = startedProject("\"requirePlanApproval\":true");
        Plan first = planCreated(id, 2, 1);
        emit(Streams.WORKFLOW, EventTypes.APPROVAL_REQUIRED, id, required(UUID.randomUUID(), first, 1));
        String approvalId = awaitPendingApproval(id).get("id").asString();

        for (String body : new String[] {null, "{}", "{\"comment\":\"  \"}"}) {
            Api.Response refused = api.post("/api/approvals/" + approvalId + "/reject", admin(), body);
            assertThat(refused.status()).as(String.valueOf(body)).isEqualTo(400);
            assertThat(refused.body().get("field").asString()).isEqualTo("comment");
        }
        assertThat(api.get("/api/approvals/" + approvalId, admin())
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");
        assertThat(project(id).get("status").asString()).isEqualTo("AWAITING_APPROVAL");

        Api.Response rejected = api.post(
                "/api/approvals/" + approvalId + "/reject", admin(), "{\"comment\":\"add a security review\"}");
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.body().get("status").asString()).isEqualTo("REJECTED");
        assertThat(project(id).get("status").asString()).isEqualTo("PLANNING");
        JsonNode event = published(id, EventTypes.APPROVAL_REJECTED).getFirst();
        assertThat(event.get("comment").asString()).isEqualTo("add a security review");
        assertThat(event.get("planId").asString()).isEqualTo(first.planId().toString());

        // the workflow replans with the comment and asks again for version 2
        Plan second = planCreated(id, 3, 2);
        emit(Streams.WORKFLOW, EventTypes.APPROVAL_REQUIRED, id, required(UUID.randomUUID(), second, 2));
        JsonNode next = awaitPendingApproval(id);
        assertThat(next.get("planVersion").asInt()).isEqualTo(2);
        assertThat(next.get("id").asString()).isNotEqualTo(approvalId);
        assertThat(project(id).get("progress").get("total").asInt()).isEqualTo(3);
    }

    @Test
    void anApprovalOfACancelledProjectCannotBeDecided() {
        UUID id = startedProject("\"requirePlanApproval\":true");
        Plan plan = planCreated(id, 2, 1);
        emit(Streams.WORKFLOW, EventTypes.APPROVAL_REQUIRED, id, required(UUID.randomUUID(), plan, 1));
        String approvalId = awaitPendingApproval(id).get("id").asString();
        assertThat(api.post("/api/projects/" + id + "/cancel", admin(), null).status())
                .isEqualTo(200);

        Api.Response approve = api.post("/api/approvals/" + approvalId + "/approve", admin(), null);

        assertThat(approve.status()).isEqualTo(409);
        assertThat(api.get("/api/approvals/" + approvalId, admin())
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");
        assertThat(published(id)).doesNotContain(EventTypes.APPROVAL_GRANTED);
    }

    @Test
    void anotherTenantNeitherSeesNorDecidesTheApproval() {
        UUID id = startedProject("\"requirePlanApproval\":true");
        Plan plan = planCreated(id, 2, 1);
        emit(Streams.WORKFLOW, EventTypes.APPROVAL_REQUIRED, id, required(UUID.randomUUID(), plan, 1));
        String approvalId = awaitPendingApproval(id).get("id").asString();
        String other = TestTokens.token("mallory", "other-tenant", "ADMIN");

        assertThat(api.get("/api/approvals/" + approvalId, other).status()).isEqualTo(404);
        assertThat(api.post("/api/approvals/" + approvalId + "/approve", other, null)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/approvals?projectId=" + id, other).body().get("content"))
                .isEmpty();
        assertThat(api.get("/api/approvals/" + UUID.randomUUID(), admin()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/approvals/nope", admin()).status()).isEqualTo(400);
        assertThat(api.get("/api/approvals?status=MAYBE", admin())
                        .body()
                        .get("field")
                        .asString())
                .isEqualTo("status");
    }

    private JsonNode awaitPendingApproval(UUID projectId) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                        approvals("?status=PENDING&projectId=" + projectId).get("content"))
                .hasSize(1));
        return approvals("?status=PENDING&projectId=" + projectId)
                .get("content")
                .get(0);
    }

    private JsonNode approvals(String query) {
        Api.Response r = api.get("/api/approvals" + query, admin());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private static WorkflowEvents.ApprovalRequired required(UUID workflow, Plan plan, int version) {
        return new WorkflowEvents.ApprovalRequired(
                workflow, plan.projectId(), plan.planId(), version, "3 tasks, 2 roles");
    }
}
