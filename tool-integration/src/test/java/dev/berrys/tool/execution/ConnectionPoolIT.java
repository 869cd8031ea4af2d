package dev.berrys.tool.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.starter.test.TestTokens;
import dev.berrys.tool.support.Api;
import dev.berrys.tool.support.ToolIntegrationTest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;

/**
 * Tool calls with a pool of two connections (Flyway needs two at start): a request never holds a connection
 * while it waits for another (a tenant's first call seeds its built-in tools before its transaction, not
 * inside it), so the first calls of a tenant run on one free connection; and a call that gets no connection
 * within the pool's timeout is answered 503 with {@code Retry-After}, an outage its caller waits out, not a
 * 500.
 */
@ToolIntegrationTest
@TestPropertySource(
        properties = {
            "spring.datasource.hikari.maximum-pool-size=2",
            "spring.datasource.hikari.minimum-idle=2",
            "spring.datasource.hikari.connection-timeout=3000"
        })
class ConnectionPoolIT {
    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    private Api.Response calculate(Api api, String tenant, String key) {
        return api.call(
                HttpMethod.POST,
                "/api/tools/calculator/execute",
                TestTokens.service(tenant),
                Map.of("arguments", Map.of("expression", "6 * 7"), "projectId", UUID.randomUUID()),
                key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    /**
     * One of the two connections held by the test: a request that needed two at once (a tenant's first call
     * seeding its built-in tools inside its transaction, as it did) waits for the pool's timeout and fails;
     * that is how the first burst of tool calls on a fresh replica ran its pool dry (each of them holding one
     * connection and waiting for a second).
     */
    @Test
    void aNewTenantsFirstCallsNeverNeedTwoConnectionsAtOnce() throws Exception {
        var api = new Api(port);
        String tenant = "pool-" + UUID.randomUUID().toString().substring(0, 8);
        List<CompletableFuture<Api.Response>> calls = new ArrayList<>();
        try (Connection held = dataSource.getConnection();
                var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4; i++) {
                String key = i % 2 == 0 ? null : "pool-test-" + i;
                calls.add(CompletableFuture.supplyAsync(() -> calculate(api, tenant, key), threads));
            }
            for (var call : calls) {
                Api.Response answer = call.get();
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                assertThat(answer.body().path("status").asString()).isEqualTo("SUCCEEDED");
            }
        }
        var listed = api.get("/api/tools?source=BUILTIN", TestTokens.token("viewer", tenant, "VIEWER"));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.names()).contains("calculator");
    }

    @Test
    void aCallThatGetsNoConnectionIsA503WithRetryAfterAndTheNextCallRuns() throws Exception {
        var api = new Api(port);
        calculate(api, "default", null); // the tenant seeded, the pool warm
        Api.Response refused;
        long tookMs;
        try (Connection one = dataSource.getConnection();
                Connection two = dataSource.getConnection()) {
            long start = System.nanoTime();
            refused = calculate(api, "default", "pool-held-" + UUID.randomUUID());
            tookMs = (System.nanoTime() - start) / 1_000_000;
        }
        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("2");
        assertThat(refused.body().path("type").asString()).isEqualTo("https://berrys.dev/problems/service-unavailable");
        assertThat(refused.raw()).doesNotContain("Hikari").doesNotContain("127.0.0.1");
        // the pool's timeout (3 s here, 5 s by default), not Hikari's 30 s
        assertThat(tookMs).isLessThan(15_000);

        var next = calculate(api, "default", "pool-next-" + UUID.randomUUID());
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(next.body().path("status").asString()).isEqualTo("SUCCEEDED");
    }
}
