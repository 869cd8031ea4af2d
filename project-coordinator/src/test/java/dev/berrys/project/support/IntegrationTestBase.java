package dev.berrys.project.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.AgentRef;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.PlanningEvents;
import dev.berrys.contracts.events.WorkflowEvents;
import dev.berrys.starter.events.EventBusProperties;
import dev.berrys.starter.test.BerrysIntegrationTest;
import dev.berrys.starter.test.TestEvents;
import dev.berrys.starter.test.TestTokens;
import dev.berrys.starter.test.model.Answers;
import dev.berrys.starter.test.model.Completion;
import dev.berrys.starter.test.model.FakeModelServer;
import dev.berrys.starter.test.model.Request;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whole-context tests of project-coordinator: one Spring context (and one Redis namespace) for every
 * subclass, the fake model server of this JVM, and helpers to drive a project with the other services'
 * events.
 */
@BerrysIntegrationTest
@TestPropertySource(
        properties = {
            "berrys.outage.first-backoff=20ms",
            "berrys.outage.max-backoff=100ms",
            "berrys.outage.tolerance=3s",
            "berrys.project.synthesis.sweep-interval=1h",
            "berrys.project.live.keepalive=1s",
            "berrys.project.live.max-per-user=3",
            "berrys.project.live.max-per-tenant=5"
        })
public abstract class IntegrationTestBase {
    /** model-orchestration's chat completions as the coordinator sees them, scripted per project. */
    protected static final FakeModelServer MODEL = FakeModelServer.openAi()
            .keyedBy("X-Berrys-Project-Id")
            .always(Answers.computed(IntegrationTestBase::synthesis));

    protected static final Duration WAIT = Duration.ofSeconds(20);

    /** A synthesis that quotes the goal and every task title it was given, as a model's would. */
    protected static Completion synthesis(Request request) {
        List<String> titles = new ArrayList<>();
        String goal = "";
        for (JsonNode message : request.messages()) {
            String content = message.path("content").asString("");
            if (content.startsWith("Goal: ")) {
                goal = content.substring(6);
            } else if (content.startsWith("Task \"")) {
                titles.add(content.substring(6, content.indexOf('"', 6)));
            }
        }
        return Answers.text("Result for '" + goal + "', drawing on: " + String.join("; ", titles) + ".")
                .usage(100, 20)
                .model("gpt-fake-1");
    }

    @DynamicPropertySource
    static void modelUrl(DynamicPropertyRegistry registry) {
        registry.add("berrys.project.model-url", MODEL::url);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected RedisClient redis;

    @Autowired
    protected EventBusProperties bus;

    @Autowired
    protected JsonMapper json;

    protected Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    protected static String admin() {
        return TestTokens.admin();
    }

    // --- projects through the API ----------------------------------------------------------------

    protected UUID createProject(String extraJson) {
        String body = "{\"name\":\"p-" + UUID.randomUUID() + "\",\"goal\":\"Compare three databases\""
                + (extraJson.isBlank() ? "" : "," + extraJson) + "}";
        Api.Response created = api.post("/api/projects", admin(), body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return UUID.fromString(created.body().get("id").asString());
    }

    protected JsonNode project(UUID id) {
        Api.Response r = api.get("/api/projects/" + id, admin());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    protected void awaitStatus(UUID id, String status) {
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(project(id).get("status").asString()).isEqualTo(status));
    }

    protected UUID startedProject(String extraJson) {
        UUID id = createProject(extraJson);
        assertThat(api.post("/api/projects/" + id + "/start", admin(), null).status())
                .isEqualTo(200);
        return id;
    }

    /** A started project with a plan of {@code tasks} tasks that the workflow asked to run. */
    protected Plan runningProject(String extraJson, int tasks) {
        UUID id = startedProject(extraJson);
        Plan plan = planCreated(id, tasks, 1);
        emit(
                Streams.WORKFLOW,
                EventTypes.PLAN_RUN_REQUESTED,
                id,
                new WorkflowEvents.PlanRunRequested(
                        UUID.randomUUID(),
                        id,
                        plan.planId(),
                        List.of(new AgentRef(UUID.randomUUID(), "researcher", "r1"))));
        awaitStatus(id, "RUNNING");
        return plan;
    }

    protected record Plan(UUID projectId, UUID planId, List<PlanningEvents.TaskSpec> tasks) {}

    protected Plan planCreated(UUID projectId, int tasks, int version) {
        UUID planId = UUID.randomUUID();
        List<PlanningEvents.TaskSpec> specs = IntStream.range(0, tasks)
                .mapToObj(i -> new PlanningEvents.TaskSpec(
                        UUID.randomUUID(), "Task " + i + " of " + planId, i == 0 ? "researcher" : "writer", List.of()))
                .toList();
        emit(
                Streams.PLANNING,
                EventTypes.PLAN_CREATED,
                projectId,
                new PlanningEvents.PlanCreated(
                        planId,
                        projectId,
                        version,
                        specs,
                        specs.stream().map(PlanningEvents.TaskSpec::taskId).toList()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                        project(projectId).path("planId").asString(""))
                .isEqualTo(planId.toString()));
        return new Plan(projectId, planId, specs);
    }

    // --- the other services' events ------------------------------------------------------------------

    /** Writes an event into another service's stream, as its outbox relay would; returns the event id. */
    protected UUID emit(String stream, String type, UUID subject, Object payload) {
        return emit(stream, type, subject, payload, TestTokens.TENANT);
    }

    protected UUID emit(String stream, String type, UUID subject, Object payload, String tenant) {
        return new TestEvents(redis, bus, json).publish(stream, type, subject, payload, tenant);
    }

    /** True once this service's inbox recorded the event as handled (committed). */
    protected boolean handled(UUID eventId) {
        Long n = jdbc.queryForObject("select count(*) from inbox_event where event_id = ?", Long.class, eventId);
        return n != null && n > 0;
    }

    // --- what this service published -------------------------------------------------------------

    /** The types of the events published about a project, in the order written to the outbox. */
    protected List<String> published(UUID projectId) {
        return jdbc.queryForList(
                "select type from outbox_event where envelope like ? order by created_at, type",
                String.class,
                "%\"subject\":\"" + projectId + "\"%");
    }

    /** The payloads of the events of this type published about a project. */
    protected List<JsonNode> published(UUID projectId, String type) {
        return jdbc
                .queryForList(
                        "select envelope from outbox_event where type = ? and envelope like ? order by created_at",
                        String.class,
                        type,
                        "%\"subject\":\"" + projectId + "\"%")
                .stream()
                .map(e -> json.readTree(e).get("data"))
                .toList();
    }

    protected long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
