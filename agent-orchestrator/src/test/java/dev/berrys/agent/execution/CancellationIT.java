package dev.berrys.agent.execution;

import static dev.berrys.starter.test.model.Answers.computed;
import static dev.berrys.starter.test.model.Answers.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.agent.support.AgentIntegrationTest;
import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.PlanningEvents.TaskAssigned;
import dev.berrys.contracts.events.ProjectEvents.Cancelled;
import dev.berrys.contracts.events.WorkflowEvents.TeamRequested;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class CancellationIT extends AgentIntegrationTest {

    @Autowired
    ExecutionRunner runner;

    @Test
    void cancellingTheProjectStopsItsRunningExecutionAndStartsNoNewOne() throws InterruptedException {
        UUID project = UUID.randomUUID();
        UUID plan = UUID.randomUUID();
        publish(
                Streams.WORKFLOW,
                EventTypes.TEAM_REQUESTED,
                new TeamRequested(UUID.randomUUID(), project, plan, List.of("developer")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !published(EventTypes.TEAM_ASSEMBLED, project).isEmpty());
        UUID agent = UUID.fromString(published(EventTypes.TEAM_ASSEMBLED, project)
                .getFirst()
                .path("agents")
                .path(0)
                .path("agentId")
                .asString());

        var running = new TaskAssigned(
                UUID.randomUUID(), plan, project, agent, "developer", "Slow work", "", "g", 1, List.of());
        CountDownLatch release = new CountDownLatch(1);
        MODEL.always(running.taskId(), computed(request -> {
            release.await(30, TimeUnit.SECONDS);
            return text("finished too late").usage(5, 5);
        }));
        publish(Streams.PLANNING, EventTypes.TASK_ASSIGNED, running);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> MODEL.requests(running.taskId()).size() == 1);
        UUID execution = executionId(running.taskId(), 1);
        assertThat(executionStatus(running.taskId(), 1)).isEqualTo("RUNNING");
        assertThat(runner.isRunning(execution)).isTrue();
        JsonNode working =
                admin().get().uri("/api/agents/{id}", agent).retrieve().body(JsonNode.class);
        assertThat(working.path("status").asString()).isEqualTo("WORKING");
        assertThat(working.path("currentTaskId").asString())
                .isEqualTo(running.taskId().toString());

        publish(Streams.PROJECT, EventTypes.PROJECT_CANCELLED, new Cancelled(project, "the user changed their mind"));

        awaitStatus(running.taskId(), 1, "CANCELLED");
        // the thread waiting for the model was interrupted, not left to finish
        await().atMost(Duration.ofSeconds(5)).until(() -> !runner.isRunning(execution));
        assertThat(published(EventTypes.EXECUTION_CANCELLED, execution)).hasSize(1);
        release.countDown();
        Thread.sleep(500);
        assertThat(executionStatus(running.taskId(), 1)).isEqualTo("CANCELLED");
        assertThat(published(EventTypes.EXECUTION_COMPLETED, execution)).isEmpty();
        assertThat(jdbc.queryForObject(
                        "select count(*) from execution_step where execution_id = ?", Long.class, execution))
                .isZero();
        JsonNode idle = admin().get().uri("/api/agents/{id}", agent).retrieve().body(JsonNode.class);
        assertThat(idle.path("status").asString()).isEqualTo("IDLE");

        var later = new TaskAssigned(
                UUID.randomUUID(), plan, project, agent, "developer", "Too late", "", "g", 1, List.of());
        publish(Streams.PLANNING, EventTypes.TASK_ASSIGNED, later);
        awaitStatus(later.taskId(), 1, "CANCELLED");
        UUID laterExecution = executionId(later.taskId(), 1);
        Thread.sleep(500);
        assertThat(MODEL.requests(later.taskId())).isEmpty();
        assertThat(published(EventTypes.EXECUTION_STARTED, laterExecution)).isEmpty();
        assertThat(published(EventTypes.EXECUTION_CANCELLED, laterExecution)).hasSize(1);
    }
}
