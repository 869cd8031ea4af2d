package dev.berrys.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Faults injected while a project runs, on the eight jars as processes with a PostgreSQL and a Redis of the
 * suite's own: each backend service killed with SIGKILL and started again 45 s later, PostgreSQL and Redis
 * restarted, a {@code task.assigned} event deleted from its stream before it was read, and a project failed
 * on purpose and resumed. Every run must end with the project COMPLETED, each task completed by exactly one
 * execution, each tool call of a step executed once (tool-integration's records) and no dead letter. The
 * runs are printed as a table and written to {@code target/fault-injection.md}.
 *
 * <p>Runs in its own surefire execution ({@code fault-injection}), which sets
 * {@code berrys.e2e.private-infra}; elsewhere it is skipped.
 */
@EnabledIfSystemProperty(named = "berrys.e2e.private-infra", matches = "true")
@ExtendWith(Stack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionE2EIT {
    static final Duration DOWN = Duration.ofSeconds(45);
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);
    static final String GOAL = "Research the market for electric cargo bikes, compare three competitors and estimate"
            + " the cost of a launch, then write a launch plan";
    private static final List<Run> RUNS = new ArrayList<>();

    final Api api = Api.admin();

    /** One fault's run: how long recovery took and what the checks found. */
    record Run(String fault, Duration recovery, int tasks, int duplicateTasks, int duplicateTools, long deadLetters) {}

    @Test
    @Order(1)
    void aProjectFailedOnPurposeIsResumedAndCompletes() {
        JsonNode simulated = simulatedProvider();
        String id = start();
        awaitTasksCompleted(id, 1);
        setFailureRate(simulated, 1.0);
        Instant fault = Instant.now();
        try {
            awaitStatus(id, "FAILED");
        } finally {
            setFailureRate(
                    api.get("/api/providers/" + simulated.path("id").asString()).json(), 0.0);
        }
        int doneBefore = completedTasks(id);
        var resumed = api.post("/api/projects/" + id + "/resume", null);
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        Instant resumedAt = Instant.now();
        awaitStatus(id, "COMPLETED");
        assertThat(fault).isBefore(resumedAt);
        check("project failed (model failing), resumed", id, resumedAt, doneBefore);
    }

    @Test
    @Order(2)
    void anEventDeletedFromItsStreamIsRecoveredByTheReconcilers() throws Exception {
        // with planning-system down, the execution.completed entries of the tasks that finish wait unread in
        // agent-orchestrator's stream: they are deleted, as a Redis without persistence would lose them
        String id = start();
        awaitTasksCompleted(id, 1);
        int before = completedTasks(id);
        String stream = Stack.namespace() + "berrys.agent";
        Stack.kill("planning-system");
        String last = lastId(stream);
        List<String> deleted = new ArrayList<>();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    deleted.addAll(deleteEvents(stream, "execution.completed", id, last));
                    return !deleted.isEmpty();
                });
        Thread.sleep(2_000);
        deleted.addAll(deleteEvents(stream, "execution.completed", id, last));
        Instant fault = Instant.now();
        Stack.restart("planning-system");
        awaitStatus(id, "COMPLETED");
        check("execution.completed deleted from the stream (XDEL " + deleted.size() + ")", id, fault, before);
    }

    @Test
    @Order(3)
    void projectCoordinatorKilled() throws Exception {
        killAndRestart("project-coordinator");
    }

    @Test
    @Order(4)
    void planningSystemKilled() throws Exception {
        killAndRestart("planning-system");
    }

    @Test
    @Order(5)
    void agentOrchestratorKilled() throws Exception {
        killAndRestart("agent-orchestrator");
    }

    @Test
    @Order(6)
    void modelOrchestrationKilled() throws Exception {
        killAndRestart("model-orchestration");
    }

    @Test
    @Order(7)
    void toolIntegrationKilled() throws Exception {
        killAndRestart("tool-integration");
    }

    @Test
    @Order(8)
    void serviceIntegrationKilled() throws Exception {
        killAndRestart("service-integration");
    }

    @Test
    @Order(9)
    void apiGatewayKilled() throws Exception {
        killAndRestart("api-gateway");
    }

    @Test
    @Order(10)
    void postgresRestarted() throws Exception {
        String id = start();
        awaitTasksCompleted(id, 1);
        int before = completedTasks(id);
        PrivateInfra.restartPostgres(Duration.ofSeconds(10));
        Instant back = Instant.now();
        awaitStatus(id, "COMPLETED");
        check("PostgreSQL restarted (down 10 s)", id, back, before);
    }

    @Test
    @Order(11)
    void redisRestarted() throws Exception {
        String id = start();
        awaitTasksCompleted(id, 1);
        int before = completedTasks(id);
        PrivateInfra.restartRedis(Duration.ofSeconds(10));
        Instant back = Instant.now();
        awaitStatus(id, "COMPLETED");
        check("Redis killed and restarted (AOF, down 10 s)", id, back, before);
    }

    @AfterAll
    static void table() throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("| fault | time to recover | tasks | duplicate tasks | duplicate tool runs | dead letters |\n");
        out.append("| --- | --- | --- | --- | --- | --- |\n");
        for (Run r : RUNS) {
            out.append(String.format(
                    "| %s | %.1f s | %d | %d | %d | %d |%n",
                    r.fault(),
                    r.recovery().toMillis() / 1000.0,
                    r.tasks(),
                    r.duplicateTasks(),
                    r.duplicateTools(),
                    r.deadLetters()));
        }
        System.out.println(
                "\nFault injection (time to recover: from the service back, or the fault, to the next task done)\n"
                        + out);
        Files.createDirectories(Stack.root().resolve("e2e-tests/target"));
        Files.writeString(Stack.root().resolve("e2e-tests/target/fault-injection.md"), out.toString());
    }

    // a kill -9 of one service in the middle of a project, started again after 45 s

    private void killAndRestart(String service) throws Exception {
        String id = start();
        awaitTasksCompleted(id, 1);
        int before = completedTasks(id);
        Stack.kill(service);
        Thread.sleep(DOWN.toMillis());
        Stack.restart(service);
        Instant back = Instant.now();
        awaitStatus(id, "COMPLETED");
        check(service + " killed (-9), back after 45 s", id, back, before);
    }

    /**
     * The checks every run ends with; records the run. Recovery: from {@code back} to the first task completed
     * after it (or the project's completion when none was left).
     */
    private void check(String fault, String id, Instant back, int doneBefore) {
        List<JsonNode> tasks = tasksOf(id);
        assertThat(tasks).isNotEmpty();
        assertThat(tasks).as("every task completed").allMatch(t -> "COMPLETED"
                .equals(t.path("status").asString()));

        Map<String, Integer> completedExecutions = new HashMap<>();
        for (JsonNode e :
                api.get("/api/executions?projectId=" + id + "&size=500").json().path("content")) {
            if ("COMPLETED".equals(e.path("status").asString())) {
                completedExecutions.merge(e.path("taskId").asString(), 1, Integer::sum);
            }
        }
        int duplicateTasks = 0;
        for (JsonNode t : tasks) {
            int n = completedExecutions.getOrDefault(t.path("id").asString(), 0);
            assertThat(n)
                    .as("executions that completed task %s", t.path("title"))
                    .isEqualTo(1);
            duplicateTasks += Math.max(0, n - 1);
        }

        int duplicateTools = duplicateToolRuns(id);
        assertThat(duplicateTools).as("tool runs beyond one per step and call").isZero();
        long deadLetters = deadLetters();
        assertThat(deadLetters).as("dead letters").isZero();

        Instant firstAfter = tasks.stream()
                .map(t -> Instant.parse(t.path("completedAt").asString()))
                .filter(at -> at.isAfter(back))
                .min(Instant::compareTo)
                .orElseGet(() -> Instant.parse(api.get("/api/projects/" + id)
                        .json()
                        .path("updatedAt")
                        .asString(Instant.now().toString())));
        Duration recovery = Duration.between(back, firstAfter);
        RUNS.add(new Run(
                fault,
                recovery.isNegative() ? Duration.ZERO : recovery,
                tasks.size(),
                duplicateTasks,
                duplicateTools,
                deadLetters));
        assertThat(completedTasks(id)).isGreaterThanOrEqualTo(doneBefore);
    }

    /** Tool executions of the project that no idempotency key answers with: a second run of a key's tool. */
    private static int duplicateToolRuns(String projectId) {
        try (var c = DriverManager.getConnection(Stack.jdbcUrl(Stack.DB), "postgres", "");
                var s = c.prepareStatement("""
                        select count(*) from tool.tool_execution e
                        where e.project_id = ?::uuid
                          and not exists (select 1 from tool.tool_call_key k where k.record_id = e.id)""")) {
            s.setString(1, projectId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Entries of the dead-letter stream (every tenant's). */
    private static long deadLetters() {
        try {
            List<String> out = PrivateInfra.redisCli("XLEN", Stack.namespace() + "berrys.deadletter");
            return out.isEmpty() ? 0 : Long.parseLong(out.getFirst().trim());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the stream's newest entry ("0-0" when empty). */
    private static String lastId(String stream) throws Exception {
        List<String> lines = PrivateInfra.redisCli("XREVRANGE", stream, "+", "-", "COUNT", "1");
        return lines.isEmpty() || lines.getFirst().isBlank()
                ? "0-0"
                : lines.getFirst().trim();
    }

    /** Deletes the project's entries of {@code type} newer than {@code after} from the stream; answers their ids. */
    private static List<String> deleteEvents(String stream, String type, String projectId, String after)
            throws Exception {
        List<String> lines = PrivateInfra.redisCli("XRANGE", stream, "(" + after, "+");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i + 2 < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.matches("\\d+-\\d+")
                    && lines.get(i + 2).contains("\"" + type + "\"")
                    && lines.get(i + 2).contains(projectId)) {
                ids.add(line);
            }
        }
        for (String entry : ids) {
            PrivateInfra.redisCli("XDEL", stream, entry);
        }
        return ids;
    }

    private String start() {
        ObjectNode body =
                Api.JSON.createObjectNode().put("name", "fault injection").put("goal", GOAL);
        var created = api.post("/api/projects", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();
        var started = api.post("/api/projects/" + id + "/start", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        return id;
    }

    private void awaitTasksCompleted(String id, int n) {
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> completedTasks(id) >= n);
    }

    private int completedTasks(String id) {
        return (int) tasksOf(id).stream()
                .filter(t -> "COMPLETED".equals(t.path("status").asString()))
                .count();
    }

    private void awaitStatus(String id, String status) {
        await().atMost(RUN_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    String now =
                            api.get("/api/projects/" + id).json().path("status").asString();
                    if (!now.equals(status)
                            && List.of("FAILED", "CANCELLED", "COMPLETED").contains(now)) {
                        throw new AssertionError("project " + id + " ended " + now + " while waiting for " + status
                                + ": " + api.get("/api/projects/" + id).body());
                    }
                    return now.equals(status);
                });
    }

    private List<JsonNode> tasksOf(String id) {
        JsonNode page = api.get("/api/tasks?projectId=" + id + "&size=500").json();
        return StreamSupport.stream(page.path("content").spliterator(), false).toList();
    }

    private JsonNode simulatedProvider() {
        return StreamSupport.stream(
                        api.get("/api/providers?size=100")
                                .json()
                                .path("content")
                                .spliterator(),
                        false)
                .filter(p -> "SIMULATED".equals(p.path("type").asString()))
                .findFirst()
                .orElseThrow();
    }

    private void setFailureRate(JsonNode provider, double rate) {
        ObjectNode body = Api.JSON
                .createObjectNode()
                .put("name", provider.path("name").asString())
                .put("type", provider.path("type").asString())
                .put("enabled", true);
        ObjectNode settings = provider.path("settings").isObject()
                ? ((ObjectNode) provider.path("settings")).deepCopy()
                : Api.JSON.createObjectNode();
        settings.put("simulatedFailureRate", rate);
        body.set("settings", settings);
        var updated = api.put("/api/providers/" + provider.path("id").asString(), body);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    }
}
