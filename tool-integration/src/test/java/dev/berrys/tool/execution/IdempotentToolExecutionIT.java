package dev.berrys.tool.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.starter.test.CallKeyRetention;
import dev.berrys.starter.test.TestTokens;
import dev.berrys.tool.support.Api;
import dev.berrys.tool.support.LocalHttpServer;
import dev.berrys.tool.support.ToolIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A tool execution with an {@code Idempotency-Key} runs once per key and tenant: a repeated key (a retry
 * after a lost answer, or an execution resumed after a crash) gets the first call's answer, and a
 * duplicate sent while the first still runs waits for that answer.
 */
@ToolIntegrationTest
class IdempotentToolExecutionIT {
    private static final Map<String, Object> SCHEMA =
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")));

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ToolCallKeys keys;

    Api api;
    LocalHttpServer endpoint;
    final AtomicInteger runs = new AtomicInteger();
    volatile CountDownLatch gate = new CountDownLatch(0);

    @BeforeEach
    void setUp() {
        api = new Api(port);
        endpoint = new LocalHttpServer();
        // every run answers differently, so an answer given twice can only be a recorded one
        endpoint.handle("/counted", exchange -> {
            int run = runs.incrementAndGet();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LocalHttpServer.respond(
                    exchange, 200, "application/json", "{\"run\":" + run + ",\"nonce\":\"" + UUID.randomUUID() + "\"}");
        });
    }

    @AfterEach
    void tearDown() {
        gate.countDown();
        endpoint.close();
    }

    private String register(String tenantToken) {
        String name = "counted-" + UUID.randomUUID().toString().substring(0, 8);
        var created = api.post(
                "/api/tools",
                tenantToken,
                Map.of(
                        "name",
                        name,
                        "description",
                        "Counts its runs",
                        "parameters",
                        SCHEMA,
                        "url",
                        endpoint.url("/counted")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return name;
    }

    private Api.Response execute(String tool, String tenant, String key) {
        return api.call(
                HttpMethod.POST,
                "/api/tools/" + tool + "/execute",
                TestTokens.service(tenant),
                Map.of("arguments", Map.of("city", "Ghent"), "executionId", UUID.randomUUID()),
                Map.of("Idempotency-Key", key));
    }

    private long recorded(String tenant, String tool) {
        return jdbc.queryForObject(
                "select count(*) from tool_execution where tenant = ? and tool = ?", Long.class, tenant, tool);
    }

    @Test
    void theSameKeyTwiceRunsTheToolOnceAndAnswersTheFirstAnswerAgain() {
        String tool = register(TestTokens.operator());
        String key = "execution:" + UUID.randomUUID() + ":step:2:call:call_1";

        var first = execute(tool, "default", key);
        var second = execute(tool, "default", key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.body().path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(runs.get()).isEqualTo(1);
        assertThat(recorded("default", tool)).isEqualTo(1);

        // without a key (or with another) every call runs
        execute(tool, "default", key + "-other");
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void anotherTenantsSameKeyIsIndependent() {
        String tenant = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        String tool = register(TestTokens.operator());
        var otherToken = TestTokens.token("operator@" + tenant, tenant, "OPERATOR");
        var created = api.post(
                "/api/tools",
                otherToken,
                Map.of(
                        "name",
                        tool,
                        "description",
                        "Counts its runs",
                        "parameters",
                        SCHEMA,
                        "url",
                        endpoint.url("/counted")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String key = "execution:" + UUID.randomUUID() + ":step:2:call:call_1";

        var ours = execute(tool, "default", key);
        var theirs = execute(tool, tenant, key);

        assertThat(runs.get()).isEqualTo(2);
        assertThat(theirs.body().path("id").asString())
                .isNotEqualTo(ours.body().path("id").asString());
        assertThat(theirs.body().at("/result/run").asInt())
                .isNotEqualTo(ours.body().at("/result/run").asInt());
        assertThat(recorded(tenant, tool)).isEqualTo(1);
    }

    @Test
    void aDuplicateSentWhileTheFirstRunsWaitsForItsAnswer() throws Exception {
        String tool = register(TestTokens.operator());
        String key = "execution:" + UUID.randomUUID() + ":step:4:call:call_9";
        gate = new CountDownLatch(1);

        var first = CompletableFuture.supplyAsync(() -> execute(tool, "default", key));
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
        var duplicate = CompletableFuture.supplyAsync(() -> execute(tool, "default", key));
        Thread.sleep(500);
        assertThat(duplicate).isNotDone();

        gate.countDown();
        var a = first.get(20, TimeUnit.SECONDS);
        var b = duplicate.get(20, TimeUnit.SECONDS);
        assertThat(a.status()).isEqualTo(200);
        assertThat(b.body()).isEqualTo(a.body());
        assertThat(runs.get()).isEqualTo(1);
        assertThat(recorded("default", tool)).isEqualTo(1);
    }

    @Test
    void aKeyUsedForAnotherToolIsA422AndAMalformedKeyA400NamingTheHeader() {
        String tool = register(TestTokens.operator());
        String key = "execution:" + UUID.randomUUID() + ":step:2:call:call_1";
        assertThat(execute(tool, "default", key).status()).isEqualTo(200);

        var reused = execute("calculator", "default", key);
        assertThat(reused.status()).as(reused.toString()).isEqualTo(422);
        assertThat(reused.body().path("field").asString()).isEqualTo("Idempotency-Key");

        long before = recorded("default", tool);
        var malformed = execute(tool, "default", "has a space");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("field").asString()).isEqualTo("Idempotency-Key");
        var tooLong = execute(tool, "default", "k".repeat(201));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(recorded("default", tool)).isEqualTo(before);
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void keysOlderThanTheRetentionAreForgottenAndTheRestKept() {
        CallKeyRetention.assertOnlyOldKeysAreForgotten(
                jdbc,
                "tool_call_key",
                key -> jdbc.update(
                        "insert into tool_call_key (tenant, idem_key, tool, claim_id, claimed_at) values ('default', ?, 'calculator', ?, now())",
                        key,
                        UUID.randomUUID()),
                keys::forgetOld);
    }
}
