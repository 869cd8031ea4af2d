package dev.berrys.agent.execution;

import static dev.berrys.starter.test.model.Answers.text;
import static dev.berrys.starter.test.model.Answers.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.agent.support.AgentIntegrationTest;
import dev.berrys.agent.support.FakeTools;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.starter.test.model.Request;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Executions left unfinished by a replica that died (its lease ran out) are taken over by the periodic
 * recovery, the same code that runs at startup.
 */
class RecoveryIT extends AgentIntegrationTest {
    @Autowired
    ExecutionRunner runner;

    private void insertExecution(UUID id, UUID task, String status, String leaseUntil) {
        jdbc.update("""
                insert into execution (id, tenant, project_id, plan_id, task_id, agent_id, role, title, description,
                    goal, dependency_outputs, attempt, status, created_at, lease_owner, lease_until)
                values (?, 'default', ?, ?, ?, ?, 'developer', 'Left behind', 'A task a crashed replica left.',
                    'Recover me', '[]', 1, ?, now(), 'dead-replica', now() + ?::interval)""", id, UUID.randomUUID(), UUID.randomUUID(), task, UUID.randomUUID(), status, leaseUntil);
    }

    @Test
    void aPendingExecutionLeftByACrashIsStartedAndRun() {
        UUID id = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        MODEL.always(task, text("Recovered output.").usage(5, 5));
        insertExecution(id, task, "PENDING", "-1 second");

        awaitStatus(task, 1, "COMPLETED");

        assertThat(MODEL.requests(task)).hasSize(1);
        assertThat(MODEL.requests(task).getFirst().message(1))
                .contains("Left behind")
                .contains("Recover me");
        assertThat(published(EventTypes.EXECUTION_STARTED, id)).hasSize(1);
        assertThat(published(EventTypes.EXECUTION_COMPLETED, id)
                        .getFirst()
                        .path("output")
                        .asString())
                .isEqualTo("Recovered output.");
    }

    @Test
    void aRunningExecutionResumesFromItsCheckpoint() {
        UUID id = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        insertExecution(id, task, "RUNNING", "-1 second");
        jdbc.update("""
                update execution set started_at = now(), template_id = '00000000-0000-4000-8000-000000000003',
                    model = 'auto', max_steps = 6, tools = '{calculator}', system_prompt = 'SYS-PROMPT',
                    user_prompt = 'USER-PROMPT', step_count = 1, input_tokens = 11, output_tokens = 7
                where id = ?""", id);
        String assistant = toolCall("call_r1", "calculator", "{\"expression\":\"40+2\"}")
                .usage(0, 0)
                .openAiJson("fake-model-1")
                .toString();
        String message =
                JSON.readTree(assistant).path("choices").path(0).path("message").toString();
        jdbc.update("""
                insert into execution_step (id, execution_id, step_index, kind, started_at, duration_ms, prompt_chars,
                    prompt_messages, input_tokens, output_tokens, model, message, summary)
                values (?, ?, 1, 'MODEL_CALL', now(), 12, 21, 2, 11, 7, 'fake-model-1', ?, 'asked for calculator')""", UUID.randomUUID(), id, message);
        MODEL.always(task, text("Resumed: 42.").usage(20, 4));

        awaitStatus(task, 1, "COMPLETED");

        // the tool the checkpoint asked for ran once, then the model got the whole conversation back
        assertThat(TOOLS.executions(id)).hasSize(1);
        List<Request> calls = MODEL.requests(task);
        assertThat(calls).hasSize(1);
        JsonNode messages = calls.getFirst().messages();
        assertThat(messages).hasSize(4);
        assertThat(messages.path(0).path("content").asString()).isEqualTo("SYS-PROMPT");
        assertThat(messages.path(1).path("content").asString()).isEqualTo("USER-PROMPT");
        assertThat(messages.path(2).path("tool_calls").path(0).path("id").asString())
                .isEqualTo("call_r1");
        assertThat(messages.path(3).path("tool_call_id").asString()).isEqualTo("call_r1");
        assertThat(messages.path(3).path("content").asString()).contains("42");
        assertThat(calls.getFirst().toolNames()).containsExactly("calculator", "ask_human");

        JsonNode execution =
                admin().get().uri("/api/executions/{id}", id).retrieve().body(JsonNode.class);
        assertThat(execution.path("steps").valueStream().map(s -> s.path("kind").asString()))
                .containsExactly("MODEL_CALL", "TOOL_CALL", "MODEL_CALL");
        assertThat(execution.path("inputTokens").asLong()).isEqualTo(31);
        assertThat(execution.path("outputTokens").asLong()).isEqualTo(11);
        // it had started before the crash: no second execution.started
        assertThat(published(EventTypes.EXECUTION_STARTED, id)).isEmpty();
        assertThat(published(EventTypes.EXECUTION_COMPLETED, id)).hasSize(1);
    }

    @Test
    void aToolThatRanBeforeACrashIsNotRunAgainWhenTheExecutionResumes() {
        UUID id = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        MODEL.always(task, text("Resumed after the crash: 42.").usage(20, 4));
        var release = new CountDownLatch(1);
        TOOLS.holdAnswers(id, release);
        insertRunningWithAToolCallAsked(id, task);

        // the tool runs, and the replica dies before its answer is checkpointed
        await().atMost(Duration.ofSeconds(20)).until(() -> TOOLS.executions(id).size() == 1);
        runner.cancel(List.of(id));
        await().atMost(Duration.ofSeconds(10)).until(() -> !runner.isRunning(id));
        release.countDown();
        assertThat(jdbc.queryForObject(
                        "select count(*) from execution_step where execution_id = ? and kind = 'TOOL_CALL'",
                        Long.class,
                        id))
                .isZero();

        // its lease runs out, the execution resumes and asks for the same call: answered from the record
        awaitStatus(task, 1, "COMPLETED");
        assertThat(TOOLS.executions(id)).hasSize(1);
        List<FakeTools.Execution> requests = TOOLS.requests(id);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).idempotencyKey())
                .isEqualTo(requests.get(0).idempotencyKey())
                .isEqualTo("execution:" + id + ":step:2:call:call_r1");
        JsonNode execution =
                admin().get().uri("/api/executions/{id}", id).retrieve().body(JsonNode.class);
        assertThat(execution.path("steps").valueStream().map(s -> s.path("kind").asString()))
                .containsExactly("MODEL_CALL", "TOOL_CALL", "MODEL_CALL");
        assertThat(execution.path("steps").path(1).path("result").asString()).contains("42");
    }

    private void insertRunningWithAToolCallAsked(UUID id, UUID task) {
        insertExecution(id, task, "RUNNING", "-1 second");
        jdbc.update("""
                update execution set started_at = now(), template_id = '00000000-0000-4000-8000-000000000003',
                    model = 'auto', max_steps = 6, tools = '{calculator}', system_prompt = 'SYS-PROMPT',
                    user_prompt = 'USER-PROMPT', step_count = 1, input_tokens = 11, output_tokens = 7
                where id = ?""", id);
        String assistant = toolCall("call_r1", "calculator", "{\"expression\":\"40+2\"}")
                .usage(0, 0)
                .openAiJson("fake-model-1")
                .toString();
        String message =
                JSON.readTree(assistant).path("choices").path(0).path("message").toString();
        jdbc.update("""
                insert into execution_step (id, execution_id, step_index, kind, started_at, duration_ms, prompt_chars,
                    prompt_messages, input_tokens, output_tokens, model, message, summary)
                values (?, ?, 1, 'MODEL_CALL', now(), 12, 21, 2, 11, 7, 'fake-model-1', ?, 'asked for calculator')""", UUID.randomUUID(), id, message);
    }

    @Test
    void anExecutionWhoseLeaseIsAliveIsLeftToItsReplica() throws InterruptedException {
        UUID id = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        insertExecution(id, task, "PENDING", "1 hour");
        try {
            Thread.sleep(1_500);
            assertThat(executionStatus(task, 1)).isEqualTo("PENDING");
            assertThat(MODEL.requests(task)).isEmpty();
        } finally {
            jdbc.update("update execution set status = 'CANCELLED' where id = ?", id);
        }
    }
}
