package dev.berrys.agent.execution;

import static dev.berrys.starter.test.model.Answers.computed;
import static dev.berrys.starter.test.model.Answers.text;
import static dev.berrys.starter.test.model.Answers.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.agent.support.AgentIntegrationTest;
import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.PlanningEvents.TaskAssigned;
import dev.berrys.contracts.events.ProjectEvents.Cancelled;
import dev.berrys.starter.test.TestTokens;
import dev.berrys.starter.test.model.Request;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * {@code ask_human}: the agent's question stops its execution (WAITING_INPUT) until a person answers through
 * {@code /api/questions}; the answer is the result of the tool call in the model's next call, on the same
 * execution.
 */
class QuestionsIT extends AgentIntegrationTest {
    private static final String COLOUR =
            "{\"question\":\"Which colour should the logo be?\",\"options\":[\"red\",\"blue\"]}";

    @Autowired
    ExecutionRecovery recovery;

    private TaskAssigned assign(String title, String askArguments) {
        var task = new TaskAssigned(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "writer",
                title,
                "",
                "Design a logo",
                1,
                List.of());
        MODEL.always(
                task.taskId(),
                computed(request -> request.call() == 1
                        ? toolCall("call_ask", "ask_human", askArguments).usage(30, 10)
                        : text("Logo done, as the person said: "
                                        + request.messages()
                                                .path(3)
                                                .path("content")
                                                .asString())
                                .usage(40, 12)));
        publish(Streams.PLANNING, EventTypes.TASK_ASSIGNED, task);
        awaitStatus(task.taskId(), 1, "WAITING_INPUT");
        return task;
    }

    private JsonNode openQuestion(TaskAssigned task) {
        JsonNode page = admin().get()
                .uri("/api/questions?projectId={p}&status=open", task.projectId())
                .retrieve()
                .body(JsonNode.class);
        assertThat(page.path("content")).hasSize(1);
        return page.path("content").path(0);
    }

    private ResponseEntity<JsonNode> post(String token, Object id, Object body) {
        return api(token)
                .post()
                .uri("/api/questions/{id}/answer", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private int steps(UUID execution) {
        return jdbc.queryForObject(
                "select count(*) from execution_step where execution_id = ?", Integer.class, execution);
    }

    @Test
    void theAnswerToAnAgentsQuestionIsTheResultOfItsToolCallAndTheSameExecutionCompletesWithIt() {
        TaskAssigned task = assign("Choose the logo colour", COLOUR);
        UUID execution = executionId(task.taskId(), 1);

        // the question is offered to the model beside the template's tools, and stops the execution
        assertThat(MODEL.requests(task.taskId()).getFirst().toolNames()).contains("workspace_write", "ask_human");
        JsonNode requested =
                published(EventTypes.EXECUTION_INPUT_REQUESTED, execution).getFirst();
        assertThat(requested.path("question").asString()).isEqualTo("Which colour should the logo be?");
        assertThat(requested.path("options").valueStream().map(JsonNode::asString))
                .containsExactly("red", "blue");
        assertThat(requested.path("taskId").asString()).isEqualTo(task.taskId().toString());
        assertThat(requested.path("projectId").asString())
                .isEqualTo(task.projectId().toString());
        JsonNode question = openQuestion(task);
        assertThat(question.path("question").asString()).isEqualTo("Which colour should the logo be?");
        assertThat(question.path("executionId").asString()).isEqualTo(execution.toString());
        assertThat(question.path("status").asString()).isEqualTo("OPEN");
        JsonNode waiting =
                admin().get().uri("/api/executions/{id}", execution).retrieve().body(JsonNode.class);
        assertThat(waiting.path("status").asString()).isEqualTo("WAITING_INPUT");
        assertThat(waiting.path("waitingReason").asString()).contains("answer");
        assertThat(MODEL.requests(task.taskId())).hasSize(1);

        ResponseEntity<JsonNode> answered =
                post(TestTokens.operator(), question.path("id").asString(), Map.of("answer", " blue "));

        assertThat(answered.getStatusCode().value()).isEqualTo(200);
        assertThat(answered.getBody().path("status").asString()).isEqualTo("ANSWERED");
        assertThat(answered.getBody().path("answer").asString()).isEqualTo("blue");
        assertThat(answered.getBody().path("answeredBy").asString()).isNotBlank();
        awaitStatus(task.taskId(), 1, "COMPLETED");
        // the same execution ran on: its next model call carried the answer as the tool call's result
        assertThat(executionId(task.taskId(), 1)).isEqualTo(execution);
        List<Request> calls = MODEL.requests(task.taskId());
        assertThat(calls).hasSize(2);
        JsonNode toolMessage = calls.get(1).messages().path(3);
        assertThat(toolMessage.path("role").asString()).isEqualTo("tool");
        assertThat(toolMessage.path("tool_call_id").asString()).isEqualTo("call_ask");
        assertThat(toolMessage.path("content").asString()).isEqualTo("Answer from a person: blue");
        JsonNode done =
                admin().get().uri("/api/executions/{id}", execution).retrieve().body(JsonNode.class);
        assertThat(done.path("output").asString()).contains("Answer from a person: blue");
        assertThat(done.path("steps").valueStream().map(s -> s.path("kind").asString()))
                .containsExactly("MODEL_CALL", "TOOL_CALL", "MODEL_CALL");
        assertThat(done.path("steps").path(1).path("tool").asString()).isEqualTo("ask_human");
        assertThat(done.path("steps").path(1).path("result").asString()).isEqualTo("Answer from a person: blue");
        JsonNode received =
                published(EventTypes.EXECUTION_INPUT_RECEIVED, execution).getFirst();
        assertThat(received.path("answer").asString()).isEqualTo("blue");
        assertThat(received.path("questionId").asString())
                .isEqualTo(question.path("id").asString());

        // the same answer again is answered as before; another one is too late
        assertThat(post(TestTokens.operator(), question.path("id").asString(), Map.of("answer", "blue"))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        ResponseEntity<JsonNode> changed =
                post(TestTokens.operator(), question.path("id").asString(), Map.of("answer", "red"));
        assertThat(changed.getStatusCode().value()).isEqualTo(409);
        assertThat(admin().get()
                        .uri("/api/questions/{id}", question.path("id").asString())
                        .retrieve()
                        .body(JsonNode.class)
                        .path("answer")
                        .asString())
                .isEqualTo("blue");
    }

    @Test
    void badAnswersAreRefusedNamingTheFieldAndStoreNothing() {
        TaskAssigned task = assign("Pick the logo colour", COLOUR);
        UUID execution = executionId(task.taskId(), 1);
        String id = openQuestion(task).path("id").asString();

        for (Object body : List.of(
                Map.of("answer", "  "), Map.of("answer", "x".repeat(10_001)), Map.of("answer", "green"), Map.of())) {
            ResponseEntity<JsonNode> refused = post(TestTokens.operator(), id, body);
            assertThat(refused.getStatusCode().value()).as("%s", body).isEqualTo(400);
            assertThat(refused.getBody().path("field").asString()).isEqualTo("answer");
        }
        assertThat(post(TestTokens.operator(), UUID.randomUUID(), Map.of("answer", "red"))
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        // another tenant does not see it
        String stranger = TestTokens.token("mallory", "other-tenant", "OPERATOR");
        assertThat(post(stranger, id, Map.of("answer", "red")).getStatusCode().value())
                .isEqualTo(404);
        assertThat(api(stranger)
                        .get()
                        .uri("/api/questions/{id}", id)
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        // a viewer may read it but not answer it
        assertThat(post(TestTokens.viewer(), id, Map.of("answer", "red"))
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(api(TestTokens.viewer())
                        .get()
                        .uri("/api/questions?status=bogus")
                        .retrieve()
                        .body(JsonNode.class)
                        .path("field")
                        .asString())
                .isEqualTo("status");

        assertThat(openQuestion(task).path("status").asString()).isEqualTo("OPEN");
        assertThat(executionStatus(task.taskId(), 1)).isEqualTo("WAITING_INPUT");
        assertThat(steps(execution)).isEqualTo(1);
        assertThat(published(EventTypes.EXECUTION_INPUT_RECEIVED, execution)).isEmpty();

        // cancelling the project cancels the waiting execution and its question: an answer then is too late
        publish(Streams.PROJECT, EventTypes.PROJECT_CANCELLED, new Cancelled(task.projectId(), "not needed"));
        awaitStatus(task.taskId(), 1, "CANCELLED");
        assertThat(published(EventTypes.EXECUTION_CANCELLED, execution)).hasSize(1);
        ResponseEntity<JsonNode> late = post(TestTokens.operator(), id, Map.of("answer", "red"));
        assertThat(late.getStatusCode().value()).isEqualTo(409);
        JsonNode cancelled =
                admin().get().uri("/api/questions/{id}", id).retrieve().body(JsonNode.class);
        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("answer").isNull()).isTrue();
        assertThat(steps(execution)).isEqualTo(1);
        assertThat(MODEL.requests(task.taskId())).hasSize(1);
    }

    @Test
    void aWaitingExecutionIsLeftAloneByRecoveryAndRunsOnWhenAnswered() throws InterruptedException {
        TaskAssigned task = assign("Name the product", "{\"question\":\"What is the product called?\"}");
        UUID execution = executionId(task.taskId(), 1);
        // as if the replica that ran it had died long ago
        jdbc.update(
                "update execution set lease_owner = 'dead-replica', lease_until = now() - interval '1 hour' where id = ?",
                execution);

        recovery.recoverOnce();
        Thread.sleep(300);

        assertThat(executionStatus(task.taskId(), 1)).isEqualTo("WAITING_INPUT");
        assertThat(jdbc.queryForObject("select lease_owner from execution where id = ?", String.class, execution))
                .isEqualTo("dead-replica");
        assertThat(MODEL.requests(task.taskId())).hasSize(1);
        assertThat(published(EventTypes.EXECUTION_FAILED, execution)).isEmpty();

        // no options: any text is an answer
        JsonNode question = openQuestion(task);
        assertThat(question.path("options")).isEmpty();
        ResponseEntity<JsonNode> answered =
                post(TestTokens.admin(), question.path("id").asString(), Map.of("answer", "Berry Bright"));
        assertThat(answered.getStatusCode().value()).isEqualTo(200);

        awaitStatus(task.taskId(), 1, "COMPLETED");
        assertThat(MODEL.requests(task.taskId())
                        .get(1)
                        .messages()
                        .path(3)
                        .path("content")
                        .asString())
                .isEqualTo("Answer from a person: Berry Bright");
    }

    @Test
    void aQuestionThatDoesNotFitTheSchemaIsAnErrorTheModelReadsAndTheExecutionGoesOn() {
        var task = new TaskAssigned(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "writer",
                "Ask badly",
                "",
                "g",
                1,
                List.of());
        MODEL.always(
                task.taskId(),
                computed(request -> request.call() == 1
                        ? toolCall("call_bad", "ask_human", "{\"options\":[\"a\"]}")
                                .usage(5, 5)
                        : text("Went on without asking.").usage(5, 5)));
        publish(Streams.PLANNING, EventTypes.TASK_ASSIGNED, task);

        awaitStatus(task.taskId(), 1, "COMPLETED");
        String result = MODEL.requests(task.taskId())
                .get(1)
                .messages()
                .path(3)
                .path("content")
                .asString();
        assertThat(result).startsWith("ERROR:").contains("question");
        assertThat(published(EventTypes.EXECUTION_INPUT_REQUESTED, executionId(task.taskId(), 1)))
                .isEmpty();
    }
}
