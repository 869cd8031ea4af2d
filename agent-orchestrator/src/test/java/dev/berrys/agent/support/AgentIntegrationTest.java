package dev.berrys.agent.support;

import static org.awaitility.Awaitility.await;

import dev.berrys.starter.events.EventBusProperties;
import dev.berrys.starter.test.BerrysIntegrationTest;
import dev.berrys.starter.test.TestTokens;
import dev.berrys.starter.test.model.Answers;
import dev.berrys.starter.test.model.FakeModelServer;
import dev.berrys.starter.test.model.Request;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of this module's whole-context tests: one application context for all of them (same
 * configuration), talking to a fake model-orchestration and a fake tool-integration. Upstream events are
 * written into the other services' streams as they would write them; this service's events are read
 * from its outbox.
 */
@BerrysIntegrationTest
@Import(CachedServiceTokens.class)
public abstract class AgentIntegrationTest {
    /** model-orchestration: scripted per task ({@code X-Berrys-Task-Id}); a task without a script is done at once. */
    protected static final FakeModelServer MODEL = FakeModelServer.openAi()
            .keyedBy("X-Berrys-Task-Id")
            .always(Answers.computed(
                    request -> Answers.text("Done: " + taskOf(request)).usage(50, 10)));

    protected static final FakeTools TOOLS = FakeTools.start();
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static @Nullable StatefulRedisConnection<String, String> redisConnection;

    /** The task's title, from the "Your task: " line of the prompt. */
    private static String taskOf(Request request) {
        String text = request.message(1);
        int i = text.indexOf("Your task: ");
        if (i < 0) {
            return "task";
        }
        int end = text.indexOf('\n', i);
        return text.substring(i + 11, end < 0 ? text.length() : end);
    }

    @DynamicPropertySource
    static void fakes(DynamicPropertyRegistry registry) {
        registry.add("berrys.agent.model-url", MODEL::url);
        registry.add("berrys.agent.tool-url", TOOLS::url);
        registry.add("berrys.outage.first-backoff", () -> "20ms");
        registry.add("berrys.outage.max-backoff", () -> "100ms");
        registry.add("berrys.outage.tolerance", () -> "8s");
        registry.add("berrys.agent.lease", () -> "3s");
        registry.add("berrys.agent.recovery-interval", () -> "300ms");
        registry.add("berrys.outage.model-call-budget", () -> "10s");
    }

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected RedisClient redis;

    @Autowired
    protected EventBusProperties bus;

    @LocalServerPort
    protected int port;

    @AfterAll
    static void closeRedis() {
        if (redisConnection != null) {
            redisConnection.close();
            redisConnection = null;
        }
    }

    /** Writes an event into another service's stream, in the envelope the starter's publisher writes. */
    protected UUID publish(String stream, String type, Object data) {
        return publish(stream, type, data, TestTokens.TENANT);
    }

    protected UUID publish(String stream, String type, Object data, String tenant) {
        UUID id = UUID.randomUUID();
        redis().sync().xadd(bus.key(stream), Map.of("event", envelope(id, type, data, tenant)));
        return id;
    }

    /** Publishes many events at once (pipelined), as the upstream service's outbox relay does. */
    protected void publishAll(String stream, String type, List<?> data) {
        var async = redis().async();
        var futures = data.stream()
                .map(d -> async.xadd(
                        bus.key(stream), Map.of("event", envelope(UUID.randomUUID(), type, d, TestTokens.TENANT))))
                .toArray(io.lettuce.core.RedisFuture[]::new);
        io.lettuce.core.LettuceFutures.awaitAll(Duration.ofSeconds(30), futures);
    }

    private static String envelope(UUID id, String type, Object data, String tenant) {
        var envelope = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", id.toString())
                .put("source", "/test")
                .put("type", type)
                .put("time", Instant.now().toString())
                .put("subject", UUID.randomUUID().toString())
                .put("datacontenttype", "application/json")
                .put("tenant", tenant);
        envelope.set("data", JSON.valueToTree(data));
        return envelope.toString();
    }

    private StatefulRedisConnection<String, String> redis() {
        if (redisConnection == null || !redisConnection.isOpen()) {
            redisConnection = redis.connect();
        }
        return redisConnection;
    }

    /** The data of the events of {@code type} this service published that mention {@code marker}. */
    protected List<JsonNode> published(String type, Object marker) {
        return jdbc
                .queryForList(
                        "select envelope from outbox_event where type = ? and envelope like ? order by created_at",
                        String.class,
                        type,
                        "%" + marker + "%")
                .stream()
                .map(e -> JSON.readTree(e).path("data"))
                .toList();
    }

    /** A client of this service's API with the given bearer token. */
    protected RestClient api(String token) {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> h.setBearerAuth(token))
                .defaultStatusHandler(s -> true, (req, res) -> {})
                .build();
    }

    protected RestClient admin() {
        return api(TestTokens.admin());
    }

    /** The status of the execution of a task's attempt, or null while there is none. */
    protected @Nullable String executionStatus(UUID taskId, int attempt) {
        List<String> found = jdbc.queryForList(
                "select status from execution where task_id = ? and attempt = ?", String.class, taskId, attempt);
        return found.isEmpty() ? null : found.getFirst();
    }

    protected UUID executionId(UUID taskId, int attempt) {
        return jdbc.queryForObject(
                "select id from execution where task_id = ? and attempt = ?", UUID.class, taskId, attempt);
    }

    protected void awaitStatus(UUID taskId, int attempt, String status) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(executionStatus(taskId, attempt)));
    }
}
