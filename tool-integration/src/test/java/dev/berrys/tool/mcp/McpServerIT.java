package dev.berrys.tool.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.starter.test.TestTokens;
import dev.berrys.tool.support.Api;
import dev.berrys.tool.support.ToolIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Discovery and calls against real MCP servers of the SDK: streamable HTTP in-process, stdio as a child process. */
@ToolIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class McpServerIT {
    static final String TOKEN = "mcp-bearer-" + UUID.randomUUID();
    static final String STDIO_SECRET = "stdio-secret-" + UUID.randomUUID();
    /** The one command the tests' settings allow stdio servers to run. */
    static final String JAVA = System.getProperty("java.home") + "/bin/java";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    McpConnections connections;

    @Autowired
    McpStartup startup;

    Api api;
    HttpMcpServer http;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(port);
        http = new HttpMcpServer(TOKEN);
    }

    @AfterEach
    void tearDown() throws Exception {
        http.close();
        // servers of this run would otherwise be reconnected by every later test context
        jdbc.queryForList("select id from mcp_server", String.class)
                .forEach(id -> api.delete("/api/mcp-servers/" + id, TestTokens.admin()));
    }

    private Api.Response registerHttp(String name, String token) {
        return api.post(
                "/api/mcp-servers",
                TestTokens.admin(),
                Map.of(
                        "name",
                        name,
                        "transport",
                        "STREAMABLE_HTTP",
                        "url",
                        http.url(),
                        "credentials",
                        Map.of("bearerToken", token)));
    }

    @Test
    void discoversTheToolsOfAStreamableHttpServerAndCallsThemWithTheStoredToken(CapturedOutput output) {
        String name = "demo-" + shortId();
        var server = registerHttp(name, TOKEN);
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        assertThat(server.body().path("status").asString())
                .as(server.toString())
                .isEqualTo("CONNECTED");
        assertThat(server.body().path("hasCredentials").asBoolean()).isTrue();
        assertThat(server.body().has("credentials")).isFalse();
        assertThat(server.raw()).doesNotContain(TOKEN);
        assertThat(server.body().path("tools").findValuesAsString("name"))
                .containsExactlyInAnyOrder(name + "__echo", name + "__add", name + "__sleep");
        String id = server.body().path("id").asString();

        var add = api.get("/api/tools/" + name + "__add", TestTokens.viewer());
        assertThat(add.body().path("source").asString()).isEqualTo("MCP");
        assertThat(add.body().path("mcpServerId").asString()).isEqualTo(id);
        assertThat(add.body().at("/parameters/required").toString()).contains("a", "b");

        var sum = api.post(
                "/api/tools/" + name + "__add/execute",
                TestTokens.service("default"),
                Map.of("arguments", Map.of("a", 2, "b", 3)));
        assertThat(sum.body().path("status").asString()).as(sum.toString()).isEqualTo("SUCCEEDED");
        assertThat(sum.body().at("/result/structuredContent/sum").asDouble()).isEqualTo(5.0);
        assertThat(sum.body().at("/result/content/0/text").asString()).isEqualTo("5.0");
        assertThat(http.authorizations).isNotEmpty().allMatch(("Bearer " + TOKEN)::equals);

        var echo = api.post(
                "/api/tools/" + name + "__echo/execute",
                TestTokens.service("default"),
                Map.of("arguments", Map.of("text", "hi")));
        assertThat(echo.body().at("/result/content/0/text").asString()).isEqualTo("echo: hi");

        // arguments are validated against the discovered input schema before the server is called
        var invalid = api.post(
                "/api/tools/" + name + "__add/execute",
                TestTokens.service("default"),
                Map.of("arguments", Map.of("a", 2)));
        assertThat(invalid.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(invalid.body().path("error").asString()).contains("b");

        // a tool result flagged as an error is a FAILED execution with the server's text
        var negative = api.post(
                "/api/tools/" + name + "__add/execute",
                TestTokens.service("default"),
                Map.of("arguments", Map.of("a", -5, "b", 1)));
        assertThat(negative.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(negative.body().path("error").asString()).contains("negative sums are not supported");

        var listed = api.get("/api/mcp-servers?size=100", TestTokens.viewer());
        assertThat(listed.names()).contains(name);
        assertThat(listed.raw()).doesNotContain(TOKEN);
        assertThat(api.get("/api/mcp-servers/" + id, TestTokens.viewer()).raw()).doesNotContain(TOKEN);
        String stored = jdbc.queryForObject("select credentials from mcp_server where id = ?::uuid", String.class, id);
        assertThat(stored).isNotBlank().doesNotContain(TOKEN);
        assertThat(output.getAll()).doesNotContain(TOKEN);
    }

    @Test
    void discoversAndCallsTheToolsOfAnSseServer() throws Exception {
        try (var sse = new HttpMcpServer(TOKEN, true)) {
            String name = "sse-" + shortId();
            var server = api.post(
                    "/api/mcp-servers",
                    TestTokens.admin(),
                    Map.of(
                            "name",
                            name,
                            "transport",
                            "SSE",
                            "url",
                            sse.url(),
                            "credentials",
                            Map.of("bearerToken", TOKEN)));
            assertThat(server.body().path("status").asString())
                    .as(server.toString())
                    .isEqualTo("CONNECTED");
            var echo = api.post(
                    "/api/tools/" + name + "__echo/execute",
                    TestTokens.service("default"),
                    Map.of("arguments", Map.of("text", "over sse")));
            assertThat(echo.body().at("/result/content/0/text").asString())
                    .as(echo.toString())
                    .isEqualTo("echo: over sse");
            assertThat(sse.authorizations).isNotEmpty().allMatch(("Bearer " + TOKEN)::equals);
            String other = TestTokens.token("x", "other-tenant", "ADMIN");
            assertThat(api.get("/api/mcp-servers/" + server.body().path("id").asString(), other)
                            .status())
                    .isEqualTo(404);
            assertThat(api.get("/api/mcp-servers?size=100", other).names()).doesNotContain(name);
        }
    }

    @Test
    void aCallLongerThanTheCallTimeoutFailsAndTheNextCallReconnects() {
        String name = "slow-" + shortId();
        registerHttp(name, TOKEN);
        long start = System.nanoTime();
        var slow = api.post(
                "/api/tools/" + name + "__sleep/execute",
                TestTokens.service("default"),
                Map.of("arguments", Map.of("ms", 12_000)));
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        assertThat(slow.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(slow.body().path("error").asString()).contains("did not answer");
        assertThat(seconds).isLessThan(11); // the call timeout is 5 s in tests

        var next = api.post(
                "/api/tools/" + name + "__echo/execute",
                TestTokens.service("default"),
                Map.of("arguments", Map.of("text", "still there")));
        assertThat(next.body().path("status").asString()).as(next.toString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aRestartedReplicaReconnectsOnTheNextCallAndRefreshRediscovers() {
        String name = "again-" + shortId();
        String id = registerHttp(name, TOKEN).body().path("id").asString();
        connections.disconnect(UUID.fromString(id)); // as after a restart: the row is there, no session
        startup.reconnect();
        await().atMost(Duration.ofSeconds(30)).until(() -> connections.isConnected(UUID.fromString(id)));
        connections.disconnect(UUID.fromString(id)); // and if that had not happened, the next call connects

        var sum = api.post(
                "/api/tools/" + name + "__add/execute",
                TestTokens.service("default"),
                Map.of("arguments", Map.of("a", 1, "b", 1)));
        assertThat(sum.body().path("status").asString()).as(sum.toString()).isEqualTo("SUCCEEDED");

        var refreshed = api.post("/api/mcp-servers/" + id + "/refresh", TestTokens.admin(), Map.of());
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body().path("status").asString()).isEqualTo("CONNECTED");
        assertThat(refreshed.body().path("tools").size()).isEqualTo(3);
    }

    @Test
    void aServerThatRefusesTheTokenIsErrorWithAMessageWithoutTheSecret(CapturedOutput output) throws Exception {
        String wrong = "wrong-token-" + UUID.randomUUID();
        var server = registerHttp("denied-" + shortId(), wrong);
        assertThat(server.status()).isEqualTo(201);
        assertThat(server.body().path("status").asString()).isEqualTo("ERROR");
        assertThat(server.body().path("statusMessage").asString()).isNotBlank().doesNotContain(wrong);
        assertThat(server.body().path("tools").size()).isZero();
        assertThat(output.getAll()).doesNotContain(wrong);

        // a server that goes away: its tool fails with a readable error and the server shows ERROR
        String name = "gone-" + shortId();
        String id = registerHttp(name, TOKEN).body().path("id").asString();
        http.close();
        var call = api.post(
                "/api/tools/" + name + "__echo/execute",
                TestTokens.service("default"),
                Map.of("arguments", Map.of("text", "anyone?")));
        assertThat(call.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(call.body().path("error").asString()).isNotBlank().doesNotContain(TOKEN);
        assertThat(api.get("/api/mcp-servers/" + id, TestTokens.viewer())
                        .body()
                        .path("status")
                        .asString())
                .isEqualTo("ERROR");
        http = new HttpMcpServer(TOKEN); // for tearDown
    }

    @Test
    void aStdioServerRunsInASandboxWithOnlyPathAndItsDeclaredEnvironment(CapturedOutput output) throws Exception {
        String name = "local-" + shortId();
        // the test classpath is long: hand it to the child JVM in an argument file
        var argFile = java.nio.file.Files.createTempFile("mcp-stdio", ".args");
        java.nio.file.Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path") + "\"");
        argFile.toFile().deleteOnExit();
        var server = api.post(
                "/api/mcp-servers",
                TestTokens.admin(),
                Map.of(
                        "name",
                        name,
                        "transport",
                        "STDIO",
                        "command",
                        JAVA,
                        "args",
                        List.of(
                                "@" + argFile,
                                "-Xshare:auto",
                                "-XX:TieredStopAtLevel=1",
                                StdioMcpServerMain.class.getName()),
                        "env",
                        Map.of("GREETING", "hello"),
                        "credentials",
                        Map.of("env", Map.of("API_TOKEN", STDIO_SECRET))));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        assertThat(server.body().path("status").asString())
                .as(server.toString())
                .isEqualTo("CONNECTED");
        assertThat(server.body().path("tools").findValuesAsString("name"))
                .containsExactlyInAnyOrder(name + "__echo", name + "__add", name + "__sandbox");
        assertThat(server.body().at("/env/GREETING").asString()).isEqualTo("hello");
        assertThat(server.raw()).doesNotContain(STDIO_SECRET);
        String id = server.body().path("id").asString();

        var sandbox = api.post(
                "/api/tools/" + name + "__sandbox/execute",
                TestTokens.service("default"),
                Map.of("arguments", Map.of()));
        assertThat(sandbox.body().path("status").asString())
                .as(sandbox.toString())
                .isEqualTo("SUCCEEDED");
        List<String> env = new java.util.ArrayList<>();
        sandbox.body().at("/result/structuredContent/env").forEach(n -> env.add(n.asString()));
        assertThat(env).containsExactly("API_TOKEN", "GREETING", "PATH");
        assertThat(sandbox.body().at("/result/structuredContent/greeting").asString())
                .isEqualTo("hello");
        assertThat(sandbox.body().at("/result/structuredContent/cwd").asString())
                .endsWith("mcp-sandbox/" + id);
        if (java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/prlimit"))) {
            assertThat(sandbox.body().at("/result/structuredContent/dataLimit").asString())
                    .as("the memory limit (berrys.tool.mcp.stdio-memory=1GB) applies to the server's process")
                    .isEqualTo(String.valueOf(1L << 30));
        }

        var sum = api.post(
                "/api/tools/" + name + "__add/execute",
                TestTokens.service("default"),
                Map.of("arguments", Map.of("a", 20, "b", 22)));
        assertThat(sum.body().at("/result/structuredContent/sum").asDouble()).isEqualTo(42.0);
        assertThat(output.getAll()).doesNotContain(STDIO_SECRET);

        assertThat(api.delete("/api/mcp-servers/" + id, TestTokens.admin()).status())
                .isEqualTo(204);
        assertThat(api.get("/api/tools/" + name + "__add", TestTokens.viewer()).status())
                .isEqualTo(404);
    }

    @Test
    void stdioServersAreForThePlatformOperatorAndOnlyWithAnAllowListedCommand() {
        String name = "host-" + shortId();
        var otherTenant = api.post(
                "/api/mcp-servers",
                TestTokens.token("customer", "customer-" + shortId(), "ADMIN"),
                Map.of("name", name, "transport", "STDIO", "command", JAVA, "args", List.of("-version")));
        assertThat(otherTenant.status()).as(otherTenant.toString()).isEqualTo(403);
        assertThat(otherTenant.body().path("type").asString()).endsWith("/stdio-not-allowed");

        var notAllowed = api.post(
                "/api/mcp-servers",
                TestTokens.admin(),
                Map.of("name", name, "transport", "STDIO", "command", "/bin/sh", "args", List.of("-c", "id")));
        assertThat(notAllowed.status()).as(notAllowed.toString()).isEqualTo(400);
        assertThat(notAllowed.body().path("field").asString()).isEqualTo("command");
        assertThat(jdbc.queryForObject("select count(*) from mcp_server where name = ?", Long.class, name))
                .isZero();

        // a server stored with a command that is (no longer) allowed is not started, at boot or on a switch
        var stored = api.post(
                "/api/mcp-servers",
                TestTokens.admin(),
                Map.of("name", name, "transport", "STDIO", "command", JAVA, "enabled", false));
        assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
        String id = stored.body().path("id").asString();
        jdbc.update("update mcp_server set command = '/bin/sh' where id = ?::uuid", id);
        var enabled = api.patch("/api/mcp-servers/" + id, TestTokens.admin(), Map.of("enabled", true));
        assertThat(enabled.body().path("status").asString()).isEqualTo("ERROR");
        assertThat(enabled.body().path("statusMessage").asString()).contains("not allowed");
        assertThat(connections.isConnected(UUID.fromString(id))).isFalse();
    }

    @Test
    void badRegistrationsAreRefusedNamingTheFieldAndNothingIsStored() {
        String name = "bad-" + shortId();
        var loopback = api.post(
                "/api/mcp-servers",
                TestTokens.admin(),
                Map.of(
                        "name",
                        name,
                        "transport",
                        "STREAMABLE_HTTP",
                        "url",
                        "http://127.0.0.1:" + http.port() + "/mcp"));
        assertThat(loopback.status()).isEqualTo(400);
        assertThat(loopback.body().path("field").asString()).isEqualTo("url");

        var noCommand = api.post("/api/mcp-servers", TestTokens.admin(), Map.of("name", name, "transport", "STDIO"));
        assertThat(noCommand.body().path("field").asString()).isEqualTo("command");

        var badTransport =
                api.post("/api/mcp-servers", TestTokens.admin(), Map.of("name", name, "transport", "CARRIER_PIGEON"));
        assertThat(badTransport.status()).isEqualTo(400);
        assertThat(badTransport.body().path("field").asString()).isEqualTo("transport");

        var badName = api.post(
                "/api/mcp-servers", TestTokens.admin(), Map.of("name", "a__b", "transport", "STDIO", "command", "x"));
        assertThat(badName.body().path("field").asString()).isEqualTo("name");

        var byOperator = api.post(
                "/api/mcp-servers", TestTokens.operator(), Map.of("name", name, "transport", "STDIO", "command", "x"));
        assertThat(byOperator.status()).isEqualTo(403);

        assertThat(jdbc.queryForObject("select count(*) from mcp_server where name = ?", Long.class, name))
                .isZero();
        assertThat(api.get("/api/mcp-servers/" + UUID.randomUUID(), TestTokens.viewer())
                        .status())
                .isEqualTo(404);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
