package dev.berrys.planning;

import static dev.berrys.starter.test.model.Answers.text;
import static org.awaitility.Awaitility.await;

import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.AgentRef;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.WorkflowEvents.PlanRequested;
import dev.berrys.contracts.events.WorkflowEvents.PlanRunRequested;
import dev.berrys.starter.events.EventBusProperties;
import dev.berrys.starter.test.BerrysIntegrationTest;
import dev.berrys.starter.test.TestTokens;
import dev.berrys.starter.test.model.FakeModelServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives planning-system as the other services would: events into their streams (the starter's envelope),
 * a fake model-orchestration, and assertions on the tables, the outbox and the API. One context for all.
 */
@BerrysIntegrationTest
@TestPropertySource(
        properties = {
            "berrys.outage.first-backoff=10ms",
            "berrys.outage.max-backoff=50ms",
            "berrys.outage.tolerance=2s",
            "berrys.planning.recovery-interval-ms=1000",
            "berrys.tasks.retry-backoff=300ms",
            "berrys.tasks.max-attempts=3",
            // the safety pass out of the way: retries are assigned by their wake-up
            "berrys.tasks.retry-poll-ms=600000",
            "spring.jpa.properties.hibernate.generate_statistics=true"
        })
public abstract class PlanningITSupport {
    /** A one-task plan: what model-orchestration answers a project without a script of its own. */
    public static final String ONE_TASK = """
            {"tasks":[{"key":"t1","title":"Do it","description":"Do the whole goal","role":"researcher","dependsOn":[]}]}""";

    /** model-orchestration's chat completions as the planner sees them, scripted per project. */
    protected static final FakeModelServer MODEL = FakeModelServer.openAi()
            .keyedBy("X-Berrys-Project-Id")
            .always(text(ONE_TASK).usage(100, 50).model("fake-planner"));

    protected static final Duration WAIT = Duration.ofSeconds(20);
    public static final String TENANT = TestTokens.TENANT;

    @DynamicPropertySource
    static void modelUrl(DynamicPropertyRegistry registry) {
        registry.add("berrys.planning.model-url", MODEL::url);
    }

    @Autowired
    protected RedisClient redis;

    @Autowired
    protected EventBusProperties bus;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected JsonMapper json;

    @LocalServerPort
    protected int port;

    private @Nullable StatefulRedisConnection<String, String> connection;

    /** Writes an event into {@code stream} the way the publishing service's outbox relay does. */
    protected UUID publish(String stream, String type, Object data) {
        return publish(stream, type, data, TENANT, UUID.randomUUID());
    }

    protected UUID publish(String stream, String type, Object data, String tenant, UUID eventId) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("specversion", "1.0");
        envelope.put("id", eventId.toString());
        envelope.put("source", "/test");
        envelope.put("type", type);
        envelope.put("time", Instant.now().toString());
        envelope.put("subject", UUID.randomUUID().toString());
        envelope.put("datacontenttype", "application/json");
        envelope.put("tenant", tenant);
        envelope.set("data", json.valueToTree(data));
        if (connection == null) {
            connection = redis.connect();
        }
        connection.sync().xadd(bus.key(stream), Map.of("event", json.writeValueAsString(envelope)));
        return eventId;
    }

    @AfterEach
    void closeConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    /** The payloads this service published (outbox) of {@code type} that mention {@code id}. */
    protected List<JsonNode> published(String type, UUID id) {
        List<JsonNode> out = new ArrayList<>();
        jdbc.query(
                "select envelope from outbox_event where type = ? and envelope like ? order by created_at",
                rs -> {
                    out.add(json.readTree(rs.getString(1)).get("data"));
                },
                type,
                "%" + id + "%");
        return out;
    }

    protected List<JsonNode> awaitPublished(String type, UUID id, int count) {
        await().atMost(WAIT).until(() -> published(type, id).size() >= count);
        return published(type, id);
    }

    /** Asks for a plan of {@code proposal} (JSON) and waits until it is stored; returns its id. */
    protected UUID planned(UUID projectId, String goal, String proposal) {
        MODEL.script(projectId, text(proposal));
        publish(
                Streams.WORKFLOW,
                EventTypes.PLAN_REQUESTED,
                new PlanRequested(UUID.randomUUID(), projectId, goal, null, null));
        await().atMost(WAIT).until(() -> latestPlan(projectId) != null);
        return latestPlan(projectId);
    }

    protected @Nullable UUID latestPlan(UUID projectId) {
        return jdbc
                .query(
                        "select id from plan where project_id = ? order by version desc limit 1",
                        (rs, i) -> rs.getObject(1, UUID.class),
                        projectId)
                .stream()
                .findFirst()
                .orElse(null);
    }

    protected void run(UUID projectId, UUID planId, List<AgentRef> team) {
        publish(
                Streams.WORKFLOW,
                EventTypes.PLAN_RUN_REQUESTED,
                new PlanRunRequested(UUID.randomUUID(), projectId, planId, team));
    }

    protected UUID taskId(UUID planId, String key) {
        return jdbc.queryForObject("select id from task where plan_id = ? and task_key = ?", UUID.class, planId, key);
    }

    protected String taskStatus(UUID planId, String key) {
        return jdbc.queryForObject(
                "select status from task where plan_id = ? and task_key = ?", String.class, planId, key);
    }

    protected String planStatus(UUID planId) {
        return jdbc.queryForObject("select status from plan where id = ?", String.class, planId);
    }

    protected RestClient api(String token) {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + token)
                .defaultStatusHandler(status -> true, (request, response) -> {})
                .build();
    }

    /** A proposal JSON: each task as key, role, then the keys it depends on. */
    protected static String proposal(String[]... tasks) {
        StringBuilder s = new StringBuilder("{\"tasks\":[");
        for (int i = 0; i < tasks.length; i++) {
            String[] t = tasks[i];
            if (i > 0) {
                s.append(',');
            }
            s.append("{\"key\":\"")
                    .append(t[0])
                    .append("\",\"title\":\"Task ")
                    .append(t[0])
                    .append("\",\"description\":\"Work on ")
                    .append(t[0])
                    .append("\",\"role\":\"")
                    .append(t[1])
                    .append("\",\"dependsOn\":[");
            for (int d = 2; d < t.length; d++) {
                s.append(d > 2 ? "," : "").append('"').append(t[d]).append('"');
            }
            s.append("]}");
        }
        return s.append("]}").toString();
    }

    protected static String[] task(String key, String role, String... dependsOn) {
        String[] t = new String[2 + dependsOn.length];
        t[0] = key;
        t[1] = role;
        System.arraycopy(dependsOn, 0, t, 2, dependsOn.length);
        return t;
    }
}
