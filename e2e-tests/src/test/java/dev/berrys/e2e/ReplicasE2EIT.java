package dev.berrys.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two replicas of each backend service share one project: the work is spread over both, each task is done
 * once, and a {@code kill -9} of one replica of every backend in the middle of a project loses nothing. 14
 * JVMs: opt-in with {@code BERRYS_E2E_REPLICAS=1}.
 */
@EnabledIfEnvironmentVariable(named = "BERRYS_E2E_REPLICAS", matches = "1")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasE2EIT {
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);
    static ReplicaStack stack;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        stack = new ReplicaStack();
        long begin = System.nanoTime();
        // BERRYS_E2E_START_TIMEOUT (900 s): 14 JVMs on a busy two-core machine have needed more than 10 min
        stack.start(Stack.startTimeout());
        System.out.printf("replica stack (14 JVMs) ready in %d s%n", (System.nanoTime() - begin) / 1_000_000_000);
        api = Api.at(ReplicaStack.baseUrl()).signIn("admin", Stack.adminPassword());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void theTasksOfOneProjectAreSpreadOverBothReplicasAndEachIsDoneOnce() {
        String id = createAndStart("Spread the work over the replicas [tasks=10,tools]");
        awaitCompleted(id);

        List<JsonNode> tasks = tasksOf(id);
        assertThat(tasks).hasSize(10);
        assertEachTaskDoneOnce(id, tasks);
        Map<String, Long> agents = countBy(executionsOf(id), "handledBy");
        Map<String, Long> tools = countBy(toolExecutionsOf(id), "handledBy");
        System.out.printf("spread: executions %s, tool calls %s%n", agents, tools);
        assertThat(agents.keySet()).containsExactlyInAnyOrder("agent-orchestrator-1", "agent-orchestrator-2");
        assertThat(tools.keySet()).containsExactlyInAnyOrder("tool-integration-1", "tool-integration-2");
    }

    @Test
    @Order(2)
    void killingOneReplicaOfEveryBackendMidProjectLosesNothing() throws Exception {
        String id = createAndStart("Keep going when replicas die [tasks=12,tools]");
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> tasksOf(id).stream()
                .anyMatch(t -> "COMPLETED".equals(t.path("status").asString())));
        long doneAtKill = tasksOf(id).stream()
                .filter(t -> "COMPLETED".equals(t.path("status").asString()))
                .count();
        Instant killedAt = Instant.now();
        for (String service : ReplicaStack.BACKENDS) {
            stack.kill(service + "-2");
        }
        System.out.printf("killed the second replica of each backend with %d of 12 tasks done%n", doneAtKill);
        assertThat(doneAtKill)
                .as("the project was still running when the replicas died")
                .isLessThan(12);

        awaitCompleted(id);
        System.out.printf(
                "completed %d s after the kill%n",
                Duration.between(killedAt, Instant.now()).toSeconds());

        List<JsonNode> tasks = tasksOf(id);
        assertThat(tasks).hasSize(12);
        assertEachTaskDoneOnce(id, tasks);
        System.out.printf(
                "after the kill: executions %s, tool calls %s%n",
                countBy(executionsOf(id), "handledBy"), countBy(toolExecutionsOf(id), "handledBy"));
        JsonNode deadLetters = api.get("/api/dead-letters?size=100").json();
        assertThat(deadLetters.path("content").size())
                .as("dead letters: %s", deadLetters)
                .isZero();
    }

    /** Every task COMPLETED by exactly one execution, and every tool called once per step that asked. */
    private static void assertEachTaskDoneOnce(String projectId, List<JsonNode> tasks) {
        assertThat(tasks).allMatch(t -> "COMPLETED".equals(t.path("status").asString()));
        List<JsonNode> executions = executionsOf(projectId);
        Map<String, Long> completedPerTask = executions.stream()
                .filter(e -> "COMPLETED".equals(e.path("status").asString()))
                .collect(Collectors.groupingBy(e -> e.path("taskId").asString(), Collectors.counting()));
        Set<String> taskIds = tasks.stream().map(t -> t.path("id").asString()).collect(Collectors.toSet());
        assertThat(completedPerTask.keySet()).isEqualTo(taskIds);
        assertThat(completedPerTask.values())
                .as("completed executions per task")
                .containsOnly(1L);

        Map<String, Long> toolCallsPerExecution = countBy(toolExecutionsOf(projectId), "executionId");
        Map<String, Long> toolStepsPerExecution = new HashMap<>();
        for (JsonNode e : executions) {
            String executionId = e.path("id").asString();
            JsonNode steps = api.get("/api/executions/" + executionId).json().path("steps");
            long toolSteps = StreamSupport.stream(steps.spliterator(), false)
                    .filter(s -> "TOOL_CALL".equals(s.path("kind").asString()))
                    .count();
            if (toolSteps > 0) {
                toolStepsPerExecution.put(executionId, toolSteps);
            }
        }
        assertThat(toolStepsPerExecution).as("tool steps").isNotEmpty();
        assertThat(toolCallsPerExecution)
                .as("tools run per execution = its tool steps")
                .isEqualTo(toolStepsPerExecution);
    }

    private static String createAndStart(String goal) {
        ObjectNode body =
                Api.JSON.createObjectNode().put("name", goal.substring(0, 30)).put("goal", goal);
        var created = api.post("/api/projects", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();
        var started = api.post("/api/projects/" + id + "/start", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        return id;
    }

    private static void awaitCompleted(String id) {
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            String now = api.get("/api/projects/" + id).json().path("status").asString();
            if (List.of("FAILED", "CANCELLED").contains(now)) {
                throw new AssertionError("project " + id + " ended " + now + ": "
                        + api.get("/api/projects/" + id).body());
            }
            return now.equals("COMPLETED");
        });
    }

    private static List<JsonNode> tasksOf(String id) {
        return content(api.get("/api/tasks?projectId=" + id + "&size=500").json());
    }

    private static List<JsonNode> executionsOf(String id) {
        return content(api.get("/api/executions?projectId=" + id + "&size=500").json());
    }

    private static List<JsonNode> toolExecutionsOf(String id) {
        return content(
                api.get("/api/tool-executions?projectId=" + id + "&size=500").json());
    }

    private static List<JsonNode> content(JsonNode page) {
        return StreamSupport.stream(page.path("content").spliterator(), false).toList();
    }

    private static Map<String, Long> countBy(List<JsonNode> rows, String field) {
        return rows.stream()
                .collect(Collectors.groupingBy(r -> r.path(field).asString(), TreeMap::new, Collectors.counting()));
    }
}
