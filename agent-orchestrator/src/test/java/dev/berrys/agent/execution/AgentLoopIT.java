package dev.berrys.agent.execution;

import static dev.berrys.starter.test.model.Answers.computed;
import static dev.berrys.starter.test.model.Answers.delayed;
import static dev.berrys.starter.test.model.Answers.dropped;
import static dev.berrys.starter.test.model.Answers.problem;
import static dev.berrys.starter.test.model.Answers.text;
import static dev.berrys.starter.test.model.Answers.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.agent.support.AgentIntegrationTest;
import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.PlanningEvents.TaskAssigned;
import dev.berrys.contracts.events.TaskOutput;
import dev.berrys.starter.test.TestTokens;
import dev.berrys.starter.test.model.Request;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

class AgentLoopIT extends AgentIntegrationTest {

    static TaskAssigned task(UUID project, String role, String title, List<TaskOutput> dependencies) {
        return new TaskAssigned(
                UUID.randomUUID(),
                UUID.randomUUID(),
                project,
                UUID.randomUUID(),
                role,
                title,
                "Description of " + title + ".",
                "Build a tiny weather app",
                1,
                dependencies);
    }

    void assign(TaskAssigned task) {
        publish(Streams.PLANNING, EventTypes.TASK_ASSIGNED, task);
    }

    @Test
    void theLoopCallsTheModelThenTheToolThenTheModelAndStoresEveryStep() {
        UUID project = UUID.randomUUID();
        UUID dependency = UUID.randomUUID();
        TaskAssigned task = task(
                project,
                "developer",
                "Compute the cache size",
                List.of(new TaskOutput(
                        dependency, "Collect the facts", "researcher", "FACT-XYZ: 6 regions, 7 GB each")));
        MODEL.always(
                task.taskId(),
                computed(request -> request.call() == 1
                        ? toolCall("call_1", "calculator", "{\"expression\":\"6*7\"}")
                                .usage(120, 15)
                                .model("fake-model-1")
                        : text("The cache needs 42 GB.").usage(180, 25)));

        assign(task);
        awaitStatus(task.taskId(), 1, "COMPLETED");
        UUID id = executionId(task.taskId(), 1);

        // what the model was given
        List<Request> calls = MODEL.requests(task.taskId());
        assertThat(calls).hasSize(2);
        Request first = calls.getFirst();
        assertThat(first.headers())
                .containsEntry("x-berrys-project-id", project.toString())
                .containsEntry("x-berrys-task-id", task.taskId().toString())
                .containsEntry("x-berrys-agent-id", task.agentId().toString())
                .containsEntry("x-berrys-purpose", "task");
        // one idempotency key per step: what a resume after a crash would send again
        assertThat(first.headers()).containsEntry("idempotency-key", "execution:" + id + ":step:1");
        assertThat(calls.get(1).headers()).containsEntry("idempotency-key", "execution:" + id + ":step:3");
        assertThat(first.headers().get("authorization")).startsWith("Bearer ");
        assertThat(first.body().path("model").asString()).isEqualTo("auto");
        assertThat(first.messages().path(0).path("role").asString()).isEqualTo("system");
        assertThat(first.message(0))
                .contains("pragmatic senior software developer")
                .contains("calculator");
        assertThat(first.messages().path(1).path("role").asString()).isEqualTo("user");
        assertThat(first.message(1))
                .contains("Build a tiny weather app")
                .contains("Compute the cache size")
                .contains("Description of Compute the cache size.")
                .contains("Collect the facts")
                .contains("FACT-XYZ: 6 regions, 7 GB each");
        // the template's tools and ask_human, as OpenAI function definitions
        assertThat(first.toolNames()).containsExactly("calculator", "workspace_write", "workspace_read", "ask_human");
        assertThat(first.body().path("tools").path(0).path("type").asString()).isEqualTo("function");
        assertThat(first.body()
                        .path("tools")
                        .path(0)
                        .path("function")
                        .path("parameters")
                        .path("type")
                        .asString())
                .isEqualTo("object");
        Request second = calls.get(1);
        JsonNode assistant = second.messages().path(2);
        assertThat(assistant.path("role").asString()).isEqualTo("assistant");
        assertThat(assistant.path("tool_calls").path(0).path("id").asString()).isEqualTo("call_1");
        JsonNode toolMessage = second.messages().path(3);
        assertThat(toolMessage.path("role").asString()).isEqualTo("tool");
        assertThat(toolMessage.path("tool_call_id").asString()).isEqualTo("call_1");
        assertThat(toolMessage.path("content").asString()).contains("42");

        // what the tool was asked
        var toolCalls = TOOLS.executions(id);
        assertThat(toolCalls).hasSize(1);
        assertThat(toolCalls.getFirst().tool()).isEqualTo("calculator");
        assertThat(toolCalls.getFirst().idempotencyKey()).isEqualTo("execution:" + id + ":step:2:call:call_1");
        JsonNode toolRequest = toolCalls.getFirst().request();
        assertThat(toolRequest.path("arguments").path("expression").asString()).isEqualTo("6*7");
        assertThat(toolRequest.path("projectId").asString()).isEqualTo(project.toString());
        assertThat(toolRequest.path("taskId").asString())
                .isEqualTo(task.taskId().toString());

        // the execution and its steps, through the API
        JsonNode execution =
                admin().get().uri("/api/executions/{id}", id).retrieve().body(JsonNode.class);
        assertThat(execution.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(execution.path("output").asString()).isEqualTo("The cache needs 42 GB.");
        assertThat(execution.path("taskId").asString()).isEqualTo(task.taskId().toString());
        assertThat(execution.path("agentId").asString())
                .isEqualTo(task.agentId().toString());
        assertThat(execution.path("attempt").asInt()).isEqualTo(1);
        assertThat(execution.path("inputTokens").asLong()).isEqualTo(300);
        assertThat(execution.path("outputTokens").asLong()).isEqualTo(40);
        assertThat(execution.path("startedAt").asString()).isNotBlank();
        assertThat(execution.path("completedAt").asString()).isNotBlank();
        JsonNode steps = execution.path("steps");
        assertThat(steps.valueStream().map(s -> s.path("kind").asString()))
                .containsExactly("MODEL_CALL", "TOOL_CALL", "MODEL_CALL");
        assertThat(steps.valueStream().map(s -> s.path("index").asInt())).containsExactly(1, 2, 3);
        JsonNode modelStep = steps.path(0);
        assertThat(modelStep.path("inputTokens").asLong()).isEqualTo(120);
        assertThat(modelStep.path("outputTokens").asLong()).isEqualTo(15);
        assertThat(modelStep.path("model").asString()).isEqualTo("fake-model-1");
        assertThat(modelStep.path("promptChars").asInt())
                .isEqualTo(first.message(0).length() + first.message(1).length());
        assertThat(modelStep.path("promptMessages").asInt()).isEqualTo(2);
        assertThat(modelStep.path("summary").asString()).isEqualTo("asked for calculator");
        JsonNode toolStep = steps.path(1);
        assertThat(toolStep.path("tool").asString()).isEqualTo("calculator");
        assertThat(toolStep.path("arguments").path("expression").asString()).isEqualTo("6*7");
        assertThat(toolStep.path("summary").asString()).contains("42");
        assertThat(toolStep.path("error").isNull()).isTrue();
        steps.forEach(s -> {
            assertThat(s.path("durationMs").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(s.path("startedAt").asString()).isNotBlank();
        });
        assertThat(steps.path(2).path("summary").asString()).isEqualTo("The cache needs 42 GB.");
        assertThat(steps.path(2).path("promptMessages").asInt()).isEqualTo(4);

        // the events, in order
        assertThat(published(EventTypes.EXECUTION_STARTED, id)).hasSize(1);
        List<JsonNode> recorded = published(EventTypes.EXECUTION_STEP_RECORDED, id);
        assertThat(recorded.stream().map(s -> s.path("kind").asString()))
                .containsExactly("MODEL_CALL", "TOOL_CALL", "MODEL_CALL");
        assertThat(recorded.get(1).path("tool").asString()).isEqualTo("calculator");
        List<JsonNode> completed = published(EventTypes.EXECUTION_COMPLETED, id);
        assertThat(completed).hasSize(1);
        assertThat(completed.getFirst().path("output").asString()).isEqualTo("The cache needs 42 GB.");
        assertThat(completed.getFirst().path("inputTokens").asLong()).isEqualTo(300);
        assertThat(completed.getFirst().path("outputTokens").asLong()).isEqualTo(40);
        assertThat(completed.getFirst().path("taskId").asString())
                .isEqualTo(task.taskId().toString());

        // listed by task and by project
        JsonNode byTask = admin().get()
                .uri("/api/executions?taskId={t}", task.taskId())
                .retrieve()
                .body(JsonNode.class);
        assertThat(byTask.path("totalElements").asLong()).isEqualTo(1);
        assertThat(byTask.path("content").path(0).path("id").asString()).isEqualTo(id.toString());
        JsonNode byProject = api(TestTokens.viewer())
                .get()
                .uri("/api/executions?projectId={p}", project)
                .retrieve()
                .body(JsonNode.class);
        assertThat(byProject.path("content").path(0).path("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void aFailedToolIsFedBackToTheModelAndTheExecutionGoesOn() {
        TaskAssigned task = task(UUID.randomUUID(), "researcher", "Fetch the page", List.of());
        MODEL.always(
                task.taskId(),
                computed(request -> request.call() == 1
                        ? toolCall("call_a", "http_get", "{\"url\":\"http://example.com\",\"fail\":true}")
                                .usage(10, 5)
                        : text("Could not fetch it; here is what I know.").usage(20, 5)));

        assign(task);
        awaitStatus(task.taskId(), 1, "COMPLETED");

        JsonNode toolMessage = MODEL.requests(task.taskId()).get(1).messages().path(3);
        assertThat(toolMessage.path("role").asString()).isEqualTo("tool");
        assertThat(toolMessage.path("content").asString())
                .startsWith("<untrusted-data source=\"tool:")
                .contains("\nERROR:")
                .contains("boom: the tool broke");
        JsonNode execution = admin().get()
                .uri("/api/executions/{id}", executionId(task.taskId(), 1))
                .retrieve()
                .body(JsonNode.class);
        assertThat(execution.path("steps").path(1).path("error").asString()).contains("boom");
    }

    @Test
    void aToolOutsideTheTemplateIsRefusedWithoutBeingCalled() {
        TaskAssigned task = task(UUID.randomUUID(), "reviewer", "Review the draft", List.of());
        MODEL.always(
                task.taskId(),
                computed(request -> request.call() == 1
                        ? toolCall("call_x", "http_get", "{\"url\":\"http://example.com\"}")
                                .usage(10, 5)
                        : text("Reviewed without fetching.").usage(20, 5)));

        assign(task);
        awaitStatus(task.taskId(), 1, "COMPLETED");

        assertThat(MODEL.requests(task.taskId()).getFirst().toolNames()).containsExactly("workspace_read", "ask_human");
        assertThat(TOOLS.executions(executionId(task.taskId(), 1))).isEmpty();
        assertThat(MODEL.requests(task.taskId())
                        .get(1)
                        .messages()
                        .path(3)
                        .path("content")
                        .asString())
                .contains("not available to this agent");
    }

    @Test
    void theStepLimitFailsTheExecutionWithoutRetry() {
        TaskAssigned task = task(UUID.randomUUID(), "coordinator", "Loop forever", List.of());
        MODEL.always(task.taskId(), computed(request -> toolCall(
                        "call_" + request.call(), "calculator", "{\"expression\":\"1+1\"}")
                .usage(5, 5)));

        assign(task);
        awaitStatus(task.taskId(), 1, "FAILED");
        UUID id = executionId(task.taskId(), 1);

        assertThat(MODEL.requests(task.taskId())).hasSize(6);
        JsonNode execution =
                admin().get().uri("/api/executions/{id}", id).retrieve().body(JsonNode.class);
        assertThat(execution.path("error").asString()).isEqualTo("step limit reached");
        assertThat(execution.path("retryable").asBoolean()).isFalse();
        assertThat(execution.path("steps").valueStream().filter(s -> s.path("kind")
                        .asString()
                        .equals("MODEL_CALL")))
                .hasSize(6);
        List<JsonNode> failed = published(EventTypes.EXECUTION_FAILED, id);
        assertThat(failed).hasSize(1);
        assertThat(failed.getFirst().path("reason").asString()).isEqualTo("step limit reached");
        assertThat(failed.getFirst().path("retryable").asBoolean()).isFalse();
        assertThat(published(EventTypes.EXECUTION_COMPLETED, id)).isEmpty();
    }

    @Test
    void aModelThatIsUnavailableIsWaitedForWithinTheExecutionAndTheWaitIsShown() {
        TaskAssigned task = task(UUID.randomUUID(), "writer", "Write the summary", List.of());
        var back = new java.util.concurrent.atomic.AtomicBoolean();
        // longer than the four tries the old retries allowed: closed connections, then 503s, until it is back
        MODEL.always(
                task.taskId(),
                computed(request -> back.get()
                        ? text("Summary written.").usage(30, 10)
                        : request.call() % 2 == 0
                                ? dropped()
                                : problem(503, "provider-unavailable", "no provider available")));

        assign(task);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> MODEL.requests(task.taskId()).size() > 6);
        UUID id = executionId(task.taskId(), 1);
        JsonNode waiting =
                admin().get().uri("/api/executions/{id}", id).retrieve().body(JsonNode.class);
        assertThat(waiting.path("status").asString()).isEqualTo("RUNNING");
        assertThat(waiting.path("waitingReason").asString()).startsWith("model-orchestration unavailable");
        assertThat(waiting.path("waitingSince").isNull()).isFalse();
        back.set(true);

        awaitStatus(task.taskId(), 1, "COMPLETED");
        assertThat(MODEL.requests(task.taskId()).size()).isGreaterThan(7);
        // every try was the same call: model-orchestration makes and charges one that got through once
        assertThat(MODEL.requests(task.taskId()).stream().map(c -> c.headers().get("idempotency-key")))
                .containsOnly("execution:" + id + ":step:1");
        assertThat(executionId(task.taskId(), 1)).isEqualTo(id);
        JsonNode execution =
                admin().get().uri("/api/executions/{id}", id).retrieve().body(JsonNode.class);
        assertThat(execution.path("attempt").asInt()).isEqualTo(1);
        assertThat(execution.path("steps")).hasSize(1);
        assertThat(execution.path("output").asString()).isEqualTo("Summary written.");
        assertThat(execution.path("waitingReason").isNull()).isTrue();
        List<JsonNode> waited = published(EventTypes.EXECUTION_WAITING, id);
        assertThat(waited).hasSize(1);
        assertThat(waited.getFirst().path("reason").asString()).startsWith("model-orchestration unavailable");
        assertThat(published(EventTypes.EXECUTION_CONTINUED, id)).hasSize(1);
        assertThat(published(EventTypes.EXECUTION_FAILED, id)).isEmpty();
    }

    @Test
    void aModelUnavailableForLongerThanTheOutageToleranceFailsTheExecutionAsRetryable() {
        TaskAssigned task = task(UUID.randomUUID(), "writer", "Write into the void", List.of());
        MODEL.always(task.taskId(), problem(503, "no-provider", "no provider available"));

        assign(task);
        awaitStatus(task.taskId(), 1, "FAILED");
        UUID id = executionId(task.taskId(), 1);

        assertThat(MODEL.requests(task.taskId()).size()).isGreaterThan(4);
        JsonNode failed = published(EventTypes.EXECUTION_FAILED, id).getFirst();
        assertThat(failed.path("retryable").asBoolean()).isTrue();
        assertThat(failed.path("reason").asString())
                .contains("model-orchestration unavailable")
                .contains("503")
                .contains("outage tolerance");
        JsonNode step = admin().get()
                .uri("/api/executions/{id}", id)
                .retrieve()
                .body(JsonNode.class)
                .path("steps")
                .path(0);
        assertThat(step.path("kind").asString()).isEqualTo("MODEL_CALL");
        assertThat(step.path("error").asString()).contains("503");
    }

    @Test
    void aFailedModelCallThatIsNotAnOutageIsNotSentAgain() {
        TaskAssigned task = task(UUID.randomUUID(), "writer", "Write with a broken model", List.of());
        MODEL.always(task.taskId(), problem(500, "internal", "model-orchestration failed"));

        assign(task);
        awaitStatus(task.taskId(), 1, "FAILED");
        UUID id = executionId(task.taskId(), 1);

        assertThat(MODEL.requests(task.taskId())).hasSize(1);
        JsonNode failed = published(EventTypes.EXECUTION_FAILED, id).getFirst();
        assertThat(failed.path("retryable").asBoolean()).isTrue();
        assertThat(failed.path("reason").asString()).contains("500");
        assertThat(published(EventTypes.EXECUTION_WAITING, id)).isEmpty();
    }

    @Test
    void anExhaustedBudgetFailsTheExecutionAtOnceAndForGood() {
        TaskAssigned task = task(UUID.randomUUID(), "researcher", "Spend money", List.of());
        MODEL.always(task.taskId(), problem(402, "budget-exceeded", "the project's budget is spent"));

        assign(task);
        awaitStatus(task.taskId(), 1, "FAILED");
        UUID id = executionId(task.taskId(), 1);

        assertThat(MODEL.requests(task.taskId())).hasSize(1);
        JsonNode failed = published(EventTypes.EXECUTION_FAILED, id).getFirst();
        assertThat(failed.path("reason").asString()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(failed.path("retryable").asBoolean()).isFalse();
        assertThat(failed.path("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void aRepeatedAssignmentRunsOnce() throws InterruptedException {
        TaskAssigned task = task(UUID.randomUUID(), "developer", "Run me once", List.of());
        MODEL.always(task.taskId(), delayed(200, text("ran").usage(5, 5)));

        assign(task);
        assign(task);
        awaitStatus(task.taskId(), 1, "COMPLETED");
        Thread.sleep(800); // time for a second run, if there were one

        assertThat(jdbc.queryForObject("select count(*) from execution where task_id = ?", Long.class, task.taskId()))
                .isEqualTo(1);
        assertThat(MODEL.requests(task.taskId())).hasSize(1);
        assertThat(published(EventTypes.EXECUTION_COMPLETED, task.taskId())).hasSize(1);

        // a new attempt of the same task is a new execution
        assign(new TaskAssigned(
                task.taskId(),
                task.planId(),
                task.projectId(),
                task.agentId(),
                task.role(),
                task.title(),
                task.description(),
                task.goal(),
                2,
                List.of()));
        awaitStatus(task.taskId(), 2, "COMPLETED");
        assertThat(MODEL.requests(task.taskId())).hasSize(2);
    }

    @Test
    void aRepeatedAssignmentOfALiveExecutionIsANoOpAndOfAnEndedOneRepeatsItsEnd() throws InterruptedException {
        TaskAssigned task = task(UUID.randomUUID(), "developer", "Take your time", List.of());
        MODEL.always(task.taskId(), delayed(1_500, text("slow answer").usage(5, 5)));
        assign(task);
        awaitStatus(task.taskId(), 1, "RUNNING");

        assign(task); // re-announced by planning-system's reconciler while the execution runs
        awaitStatus(task.taskId(), 1, "COMPLETED");
        Thread.sleep(500);
        assertThat(published(EventTypes.EXECUTION_STARTED, task.taskId())).hasSize(1);
        assertThat(published(EventTypes.EXECUTION_COMPLETED, task.taskId())).hasSize(1);

        assign(task); // re-announced because the execution.completed was lost

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() ->
                        published(EventTypes.EXECUTION_COMPLETED, task.taskId()).size() == 2);
        List<JsonNode> ends = published(EventTypes.EXECUTION_COMPLETED, task.taskId());
        assertThat(ends.get(1).path("executionId").asString())
                .isEqualTo(ends.get(0).path("executionId").asString());
        assertThat(ends.get(1).path("output").asString()).isEqualTo("slow answer");
        assertThat(ends.get(1).path("attempt").asInt()).isEqualTo(1);
        assertThat(MODEL.requests(task.taskId())).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from execution where task_id = ?", Long.class, task.taskId()))
                .isEqualTo(1);
    }

    @Test
    void laterTasksOfTheProjectGetTheProjectMemory() {
        UUID project = UUID.randomUUID();
        TaskAssigned first = task(project, "researcher", "Find the sources", List.of());
        MODEL.always(
                first.taskId(),
                text("MEMO-123: three sources were found and checked.").usage(5, 5));
        assign(first);
        awaitStatus(first.taskId(), 1, "COMPLETED");

        TaskAssigned second = task(project, "writer", "Write the report", List.of());
        assign(second);
        awaitStatus(second.taskId(), 1, "COMPLETED");

        assertThat(MODEL.requests(second.taskId()).getFirst().message(1))
                .contains("Project memory")
                .contains("Find the sources")
                .contains("MEMO-123: three sources were found and checked.");
        JsonNode memory = admin().get()
                .uri("/api/memory?projectId={p}", project)
                .retrieve()
                .body(JsonNode.class);
        assertThat(memory.path("totalElements").asLong()).isEqualTo(2);
        assertThat(memory.path("content").path(0).path("note").asString()).startsWith("MEMO-123");
    }

    @Test
    void executionsAreListedOnlyWithAFilterAndOnlyToTheirTenant() {
        var noFilter = admin().get().uri("/api/executions").retrieve().toEntity(JsonNode.class);
        assertThat(noFilter.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noFilter.getBody().path("detail").asString())
                .contains("taskId")
                .contains("projectId");
        assertThat(noFilter.getBody().path("field").asString()).isEqualTo("taskId");

        var badId = admin().get().uri("/api/executions?taskId=nope").retrieve().toEntity(JsonNode.class);
        assertThat(badId.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badId.getBody().path("field").asString()).isEqualTo("taskId");

        TaskAssigned task = task(UUID.randomUUID(), "developer", "Mine only", List.of());
        assign(task);
        awaitStatus(task.taskId(), 1, "COMPLETED");
        UUID id = executionId(task.taskId(), 1);
        var other = api(TestTokens.token("eve", "other-tenant", "ADMIN"));
        assertThat(other.get()
                        .uri("/api/executions/{id}", id)
                        .retrieve()
                        .toEntity(JsonNode.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(other.get()
                        .uri("/api/executions?taskId={t}", task.taskId())
                        .retrieve()
                        .body(JsonNode.class)
                        .path("totalElements")
                        .asLong())
                .isZero();
        assertThat(admin().get()
                        .uri("/api/executions/{id}", UUID.randomUUID())
                        .retrieve()
                        .toEntity(JsonNode.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }
}
