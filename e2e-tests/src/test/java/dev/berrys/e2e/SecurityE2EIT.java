package dev.berrys.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The attacks of the security review, each tried through the gateway by a customer tenant ({@code sec-a},
 * {@code sec-b}: ADMIN, OPERATOR and VIEWER users each) and refused. Every attempt is listed with what it got
 * (printed at the end); the last test checks everything the suites were answered: no secret in any answer or
 * log line, every 4xx a ProblemDetail, no 5xx. One more attack is one more method calling {@link #refused}.
 */
@ExtendWith(Stack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityE2EIT {
    /** What was tried and what it got, for the printed summary (and docs/security-tests.md). */
    static final ConcurrentLinkedQueue<String> TRIED = new ConcurrentLinkedQueue<>();

    static Tenancy.Tenant a;
    static Tenancy.Tenant b;

    @BeforeAll
    static void tenants() {
        Tenancy.both();
        a = Tenancy.a();
        b = Tenancy.b();
    }

    /** Asserts a refusal: the status, a ProblemDetail, naming {@code field} where given; records the attempt. */
    static Api.Response refused(String attempt, Api.Response r, int status, @Nullable String field) {
        TRIED.add(String.format(
                "%-95s %d %s", attempt, r.status(), r.json().path("type").asString("")));
        assertThat(r.status()).as(attempt + ": " + r).isEqualTo(status);
        assertThat(r.raw().headers().firstValue("content-type").orElse(""))
                .as(attempt)
                .startsWith("application/problem+json");
        if (field != null) {
            assertThat(r.body()).as(attempt).contains(field);
        }
        return r;
    }

    static Api.Response allowed(String attempt, Api.Response r, int status) {
        TRIED.add(String.format("%-95s %d", attempt, r.status()));
        assertThat(r.status()).as(attempt + ": " + r).isEqualTo(status);
        return r;
    }

    @Test
    @Order(1)
    void aTenantAdminCannotRegisterAStdioMcpServerNorPointAnHttpOneInside() throws Exception {
        Path marker = Files.createTempDirectory("secb").resolve("ran");
        ObjectNode stdio = Api.JSON
                .createObjectNode()
                .put("name", "shell")
                .put("transport", "STDIO")
                .put("command", "bash");
        stdio.putArray("args").add("-c").add("touch " + marker);
        refused(
                "tenant ADMIN registers a STDIO MCP server (bash -c)",
                a.admin().post("/api/mcp-servers", stdio),
                403,
                "stdio-not-allowed");
        refused(
                "platform ADMIN registers a STDIO server whose command is not allow-listed",
                Api.admin().post("/api/mcp-servers", stdio),
                400,
                "command");
        Thread.sleep(500);
        assertThat(marker).as("the command never ran").doesNotExist();
        assertThat(a.admin().get("/api/mcp-servers").body()).doesNotContain("\"shell\"");
        assertThat(Api.admin().get("/api/mcp-servers").body()).doesNotContain("\"shell\"");

        for (String url : List.of(
                "http://127.0.0.1:" + Stack.port("model-orchestration") + "/mcp",
                "http://169.254.169.254/latest/meta-data",
                "http://10.1.2.3/mcp")) {
            ObjectNode http = Tenancy.mcpBody(Tenancy.unique("inside")).put("url", url);
            refused(
                    "tenant ADMIN registers an HTTP MCP server at " + url,
                    a.admin().post("/api/mcp-servers", http),
                    400,
                    "url");
        }
        refused(
                "tenant OPERATOR registers an HTTP MCP server",
                a.operator().post("/api/mcp-servers", Tenancy.mcpBody(Tenancy.unique("op"))),
                403,
                null);
    }

    @Test
    @Order(2)
    void anOperatorCannotRePointAProviderAndAnAdminsRePointDropsItsKey() {
        String id = a.id("provider");
        ObjectNode elsewhere = Tenancy.providerBody(Tenancy.unique("moved")).put("baseUrl", "https://1.1.1.1/v1");
        elsewhere.remove("apiKey");
        refused(
                "tenant OPERATOR re-points a keyed provider",
                a.operator().put("/api/providers/" + id, elsewhere),
                403,
                null);
        refused(
                "tenant VIEWER re-points a keyed provider",
                a.viewer().put("/api/providers/" + id, elsewhere),
                403,
                null);
        refused(
                "other tenant's ADMIN re-points the provider",
                b.admin().put("/api/providers/" + id, elsewhere),
                404,
                null);
        assertThat(a.admin()
                        .get("/api/providers/" + id)
                        .json()
                        .path("hasApiKey")
                        .asBoolean())
                .isTrue();

        JsonNode moved = allowed(
                        "tenant ADMIN re-points a keyed provider (no new key)",
                        a.admin().put("/api/providers/" + id, elsewhere),
                        200)
                .json();
        assertThat(moved.path("baseUrl").asString()).isEqualTo("https://1.1.1.1/v1");
        assertThat(moved.path("hasApiKey").asBoolean())
                .as("the key did not follow the provider")
                .isFalse();
        assertThat(moved.path("apiKeySource").asString()).isEqualTo("none");
    }

    @Test
    @Order(3)
    void theProviderConfiguredFromTheEnvironmentCannotBeRePointedOrRead() {
        JsonNode openai = null;
        for (JsonNode p : a.admin().get("/api/providers").json().path("content")) {
            if (p.path("name").asString().equals("openai")) {
                openai = p;
            }
        }
        assertThat(openai)
                .as("the provider from OPENAI_API_KEY is seeded for the tenant")
                .isNotNull();
        assertThat(openai.path("apiKeySource").asString()).isEqualTo("environment");
        assertThat(openai.path("configured").asBoolean()).isTrue();
        String path = "/api/providers/" + openai.path("id").asString();
        ObjectNode rePoint = Api.JSON
                .createObjectNode()
                .put("name", "openai")
                .put("type", "OPENAI_COMPATIBLE")
                .put("baseUrl", "https://1.1.1.1/v1");
        refused(
                "tenant ADMIN re-points the provider configured from OPENAI_API_KEY",
                a.admin().put(path, rePoint),
                409,
                "provider-configured");
        refused(
                "tenant OPERATOR re-points the configured provider",
                a.operator().put(path, rePoint),
                403,
                null);
        ObjectNode rekey = rePoint.deepCopy()
                .put("baseUrl", openai.path("baseUrl").asString())
                .put("apiKey", "sk-replaced");
        refused(
                "tenant ADMIN replaces the configured provider's key",
                a.admin().put(path, rekey),
                409,
                "provider-configured");
        refused("tenant ADMIN deletes the configured provider", a.admin().delete(path), 409, "provider-configured");
        JsonNode after = a.admin().get(path).json();
        assertThat(after.path("baseUrl").asString())
                .isEqualTo(openai.path("baseUrl").asString());
        assertThat(after.path("apiKeySource").asString()).isEqualTo("environment");
    }

    @Test
    @Order(4)
    void aProviderBaseUrlMayNotNameLoopbackPrivateOrMetadataAddresses() {
        for (String url : List.of(
                "http://127.0.0.1:" + Stack.port("api-gateway") + "/v1",
                "http://localhost:11434",
                "http://169.254.169.254/latest/meta-data",
                "http://10.0.0.1/v1",
                "http://[::1]:8080/v1")) {
            String name = Tenancy.unique("inside");
            ObjectNode body = Tenancy.providerBody(name).put("baseUrl", url);
            refused("tenant ADMIN adds a provider at " + url, a.admin().post("/api/providers", body), 400, "baseUrl");
            assertThat(a.admin().get("/api/providers?size=200").body()).doesNotContain(name);
        }
        String keyed = Tenancy.createdId(a.admin().post("/api/providers", Tenancy.providerBody(Tenancy.unique("k"))));
        ObjectNode metadata = Tenancy.providerBody(Tenancy.unique("k")).put("baseUrl", "http://169.254.169.254/v1");
        metadata.remove("apiKey");
        refused(
                "tenant ADMIN re-points a keyed provider to the metadata address",
                a.admin().put("/api/providers/" + keyed, metadata),
                400,
                "baseUrl");
        JsonNode kept = a.admin().get("/api/providers/" + keyed).json();
        assertThat(kept.path("baseUrl").asString()).isEqualTo(Tenancy.PUBLIC_URL + "/v1");
        assertThat(kept.path("hasApiKey").asBoolean()).isTrue();
    }

    @Test
    @Order(5)
    void aRevokedOrRotatedApiKeyAndADisabledResetOrDeletedUserLoseTheirTokens() {
        // API key: its token and the key itself as the bearer
        var key = newKey(a.admin(), "OPERATOR");
        Api viaToken = tokenOf(key);
        Api viaKey = Api.anonymous().withToken(key.apiKey());
        allowed("API key's token reads projects", viaToken.get("/api/projects"), 200);
        allowed("API key as bearer reads projects", viaKey.get("/api/projects"), 200);
        assertThat(a.admin().delete("/api/auth/api-keys/" + key.id()).status()).isEqualTo(204);
        awaitRefused("revoked API key's token", viaToken);
        awaitRefused("revoked API key as bearer", viaKey);
        refused(
                "token for a revoked API key",
                Api.anonymous()
                        .post("/api/auth/token", Map.of("clientId", key.clientId(), "clientSecret", key.secret())),
                401,
                null);

        var rotated = newKey(a.admin(), "VIEWER");
        Api oldToken = tokenOf(rotated);
        var rotation = a.admin().post("/api/auth/api-keys/" + rotated.id() + "/rotate", null);
        assertThat(rotation.status()).as(rotation.toString()).isEqualTo(200);
        Evidence.secret("a rotated API key", rotation.json().path("apiKey").asString(), rotation.exchange());
        Evidence.secret(
                "a rotated key's secret", rotation.json().path("clientSecret").asString(), rotation.exchange());
        awaitRefused("rotated API key's old token", oldToken);
        awaitRefused("rotated API key's old secret as bearer", Api.anonymous().withToken(rotated.apiKey()));
        allowed(
                "rotated API key's new secret as bearer",
                Api.anonymous()
                        .withToken(rotation.json().path("apiKey").asString())
                        .get("/api/projects"),
                200);

        // users: disabled, reset, deleted
        var disabled = Tenancy.user(Tenancy.A, "OPERATOR");
        allowed("user's token reads projects", disabled.api().get("/api/projects"), 200);
        assertThat(a.admin()
                        .post("/api/auth/users/" + disabled.id() + "/disable", null)
                        .status())
                .isEqualTo(200);
        awaitRefused("disabled user's token", disabled.api());
        refused(
                "disabled user signs in with the right password",
                Api.anonymous()
                        .post(
                                "/api/auth/token",
                                Map.of("username", disabled.username(), "password", disabled.password())),
                401,
                null);
        refused(
                "other tenant's ADMIN enables the user",
                b.admin().post("/api/auth/users/" + disabled.id() + "/enable", null),
                404,
                null);

        var reset = Tenancy.user(Tenancy.A, "VIEWER");
        var r = a.admin().put("/api/auth/users/" + reset.id() + "/password", Map.of("password", Tenancy.password()));
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        awaitRefused("token issued before a password reset", reset.api());

        var deleted = Tenancy.user(Tenancy.A, "VIEWER");
        assertThat(a.admin().delete("/api/auth/users/" + deleted.id()).status()).isEqualTo(204);
        awaitRefused("deleted user's token", deleted.api());
    }

    @Test
    @Order(6)
    void anApiKeyWorksAsTheBearerWithItsRolesAndTenant() {
        var viewer = newKey(a.admin(), "VIEWER");
        Api key = Api.anonymous().withToken(viewer.apiKey());
        JsonNode me = allowed("VIEWER API key as bearer: who am I", key.get("/api/auth/me"), 200)
                .json();
        assertThat(me.path("tenant").asString()).isEqualTo(Tenancy.A);
        assertThat(me.path("roles").toString()).contains("VIEWER").doesNotContain("ADMIN");
        String projects = allowed("VIEWER API key lists projects", key.get("/api/projects?size=200"), 200)
                .body();
        assertThat(projects).contains(a.id("project")).doesNotContain(b.id("project"));
        refused(
                "VIEWER API key creates a project",
                key.post("/api/projects", Map.of("name", "x", "goal", "y")),
                403,
                null);
        refused(
                "VIEWER API key reads the other tenant's project",
                key.get("/api/projects/" + b.id("project")),
                404,
                null);

        var operator = newKey(a.admin(), "OPERATOR");
        ObjectNode chat = Api.JSON.createObjectNode().put("model", "berrys-simulated-mini");
        chat.putArray("messages").addObject().put("role", "user").put("content", "Say hi");
        allowed(
                "OPERATOR API key as an OpenAI SDK's key: /v1/chat/completions",
                Api.anonymous().withToken(operator.apiKey()).post("/v1/chat/completions", chat),
                200);
        refused(
                "a made-up API key as bearer",
                Api.anonymous().withToken("bk_" + UUID.randomUUID() + "_nope").get("/v1/models"),
                401,
                null);
    }

    @Test
    @Order(7)
    void aRemoteRefInACallersSchemaIsRefusedAndNothingIsFetched() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            fetches.incrementAndGet();
            byte[] body = "{\"type\":\"object\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String remote = "http://127.0.0.1:" + server.getAddress().getPort() + "/schema.json";
            ObjectNode chat = Api.JSON.createObjectNode().put("model", "berrys-simulated-mini");
            chat.putArray("messages").addObject().put("role", "user").put("content", "Answer in JSON");
            ObjectNode format = chat.putObject("response_format").put("type", "json_schema");
            format.putObject("json_schema")
                    .put("name", "answer")
                    .putObject("schema")
                    .put("$ref", remote);
            refused(
                    "response_format schema with a remote $ref",
                    a.operator().post("/v1/chat/completions", chat),
                    400,
                    "response_format");

            ObjectNode dynamic = chat.deepCopy();
            ((ObjectNode) dynamic.path("response_format").path("json_schema").path("schema"))
                    .removeAll()
                    .put("type", "object")
                    .putObject("properties")
                    .putObject("a")
                    .put("$ref", remote + "#/a");
            refused(
                    "response_format schema with a nested remote $ref",
                    a.operator().post("/v1/chat/completions", dynamic),
                    400,
                    "response_format");

            ObjectNode withTool = Api.JSON.createObjectNode().put("model", "berrys-simulated-mini");
            withTool.putArray("messages").addObject().put("role", "user").put("content", "Use the tool");
            withTool.putArray("tools")
                    .addObject()
                    .put("type", "function")
                    .putObject("function")
                    .put("name", "lookup")
                    .putObject("parameters")
                    .put("$ref", remote);
            refused(
                    "tool parameters with a remote $ref (chat)",
                    a.operator().post("/v1/chat/completions", withTool),
                    400,
                    "parameters");

            ObjectNode tool = Tenancy.toolBody(Tenancy.unique("ref"));
            ((ObjectNode) tool.path("parameters")).put("$ref", remote);
            refused(
                    "HTTP tool whose parameters have a remote $ref",
                    a.operator().post("/api/tools", tool),
                    400,
                    "parameters");
            Thread.sleep(300);
            assertThat(fetches.get())
                    .as("requests that reached the schema server")
                    .isZero();
            TRIED.add(String.format("%-95s %d", "fetches of the remote schema", fetches.get()));
        } finally {
            server.stop(0);
        }
    }

    @Test
    @Order(8)
    void aBodyOverTheLimitIs413() {
        String big = "x".repeat(2 * 1024 * 1024);
        String project = "{\"name\":\"big\",\"goal\":\"" + big + "\"}";
        refused("2 MB body to POST /api/projects", a.operator().postRaw("/api/projects", project), 413, null);
        refused(
                "2 MB body to POST /api/auth/token",
                Api.anonymous().postRaw("/api/auth/token", "{\"username\":\"" + big + "\"}"),
                413,
                null);
        String huge = "{\"arguments\":{\"expression\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}}";
        refused(
                "3 MB body to POST /api/tools/calculator/execute (limit 2 MB)",
                a.service().postRaw("/api/tools/calculator/execute", huge),
                413,
                null);
        assertThat(a.operator().get("/api/projects?size=200").body()).doesNotContain("\"big\"");
    }

    @Test
    @Order(9)
    void anotherTenantsProjectAndBudgetAre404AndABudgetCannotBeSetForThem() {
        String project = a.id("project");
        refused("other tenant's ADMIN reads the project", b.admin().get("/api/projects/" + project), 404, null);
        refused("other tenant's ADMIN reads the project's budget", b.admin().get("/api/budgets/" + project), 404, null);
        JsonNode before = a.admin().get("/api/budgets/" + project).json();
        refused(
                "other tenant's ADMIN sets the project's budget",
                b.admin().put("/api/budgets/" + project, Map.of("budgetUsd", 0.01)),
                404,
                null);
        refused(
                "ADMIN sets a budget for a project that does not exist",
                b.admin().put("/api/budgets/" + UUID.randomUUID(), Map.of("budgetUsd", 1)),
                404,
                null);
        assertThat(a.admin().get("/api/budgets/" + project).json().path("budgetUsd"))
                .isEqualTo(before.path("budgetUsd"));
        refused(
                "other tenant's OPERATOR cancels the project",
                b.operator().post("/api/projects/" + project + "/cancel", Map.of("reason", "x")),
                404,
                null);
    }

    @Test
    @Order(10)
    void anOperatorCannotRaiseABudgetAnAdminSet() {
        String project = Tenancy.createProject(a.admin(), "Write a haiku about budgets", false);
        allowed(
                "ADMIN sets a project budget of 5 USD",
                a.admin().put("/api/budgets/" + project, Map.of("budgetUsd", 5)),
                200);
        refused(
                "OPERATOR raises the ADMIN's budget to 50 USD",
                a.operator().put("/api/budgets/" + project, Map.of("budgetUsd", 50)),
                403,
                "budget-set-by-admin");
        allowed(
                "OPERATOR lowers it to 3 USD",
                a.operator().put("/api/budgets/" + project, Map.of("budgetUsd", 3)),
                200);
        assertThat(a.admin()
                        .get("/api/budgets/" + project)
                        .json()
                        .path("budgetUsd")
                        .asDouble())
                .isEqualTo(3.0);
        refused(
                "OPERATOR sets the tenant budget",
                a.operator().put("/api/budgets/tenant", Map.of("budgetUsd", 1000)),
                403,
                null);
    }

    @Test
    @Order(11)
    void wrongPasswordsLockTheAccountForThatSourceOnly() throws Exception {
        Api attacker = Api.anonymous().from(InetAddress.getByName("127.0.0.2"));
        Map<String, String> wrong = Map.of("username", "admin", "password", "not-the-admin-password");
        int status = 0;
        for (int i = 1; i <= 6 && status != 429; i++) {
            status = attacker.post("/api/auth/token", wrong).status();
        }
        Map<String, String> right = Map.of("username", "admin", "password", Stack.adminPassword());
        var locked = refused(
                "right admin password from the source that failed 5 times",
                attacker.post("/api/auth/token", right),
                429,
                "login-locked");
        assertThat(locked.raw().headers().firstValue("retry-after")).isPresent();
        allowed("right admin password from another source", Api.anonymous().post("/api/auth/token", right), 200);
    }

    @Test
    @Order(12)
    void theToolExecutionEndpointIsForServicesOnly() {
        ObjectNode calc = Api.JSON.createObjectNode();
        calc.putObject("arguments").put("expression", "6*7");
        for (String role : List.of("ADMIN", "OPERATOR", "VIEWER")) {
            var r = refused(
                    role + " runs a tool through /api/tools/calculator/execute",
                    a.as(role).post("/api/tools/calculator/execute", calc),
                    403,
                    null);
            assertThat(r.body()).doesNotContain("127.0.0.1").doesNotContain("localhost");
        }
        allowed("SERVICE token runs it", a.service().post("/api/tools/calculator/execute", calc), 200);
        refused(
                "other tenant's SERVICE token runs the tenant's HTTP tool",
                b.service().post("/api/tools/" + a.id("tool") + "/execute", Map.of("arguments", Map.of("q", "x"))),
                404,
                null);
    }

    @Test
    @Order(13)
    void aServiceClientGetsTokensOnlyForTenantsItServes() {
        refused(
                "berrys-services asks a token for a tenant it does not serve",
                Api.anonymous()
                        .post(
                                "/api/auth/token",
                                Map.of(
                                        "clientId",
                                        "berrys-services",
                                        "clientSecret",
                                        Stack.serviceClientSecret(),
                                        "tenant",
                                        "sec-c")),
                403,
                null);
        var created = Api.admin()
                .post(
                        "/api/auth/api-keys",
                        Map.of("name", Tenancy.unique("svc"), "roles", List.of("SERVICE"), "tenant", Tenancy.A));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String clientId = created.json().path("clientId").asString();
        String secret = Evidence.secret(
                "a SERVICE key's secret", created.json().path("clientSecret").asString(), created.exchange());
        Evidence.secret("a SERVICE key", created.json().path("apiKey").asString(), created.exchange());
        refused(
                "a SERVICE key of sec-a asks a token for sec-b",
                Api.anonymous()
                        .post(
                                "/api/auth/token",
                                Map.of("clientId", clientId, "clientSecret", secret, "tenant", Tenancy.B)),
                403,
                null);
        allowed(
                "a SERVICE key of sec-a asks a token for sec-a",
                Api.anonymous()
                        .post(
                                "/api/auth/token",
                                Map.of("clientId", clientId, "clientSecret", secret, "tenant", Tenancy.A)),
                200);
        refused(
                "tenant ADMIN creates a SERVICE key",
                a.admin().post("/api/auth/api-keys", Map.of("name", "svc", "roles", List.of("SERVICE"))),
                403,
                null);
        refused(
                "tenant ADMIN creates a user in another tenant",
                a.admin()
                        .post(
                                "/api/auth/users",
                                Map.of(
                                        "username",
                                        Tenancy.unique("intruder"),
                                        "password",
                                        Tenancy.password(),
                                        "roles",
                                        List.of("ADMIN"),
                                        "tenant",
                                        Tenancy.B)),
                403,
                null);
        var admin = Tenancy.user(Tenancy.A, "ADMIN");
        refused(
                "tenant ADMIN asks a token for another tenant",
                Api.anonymous()
                        .post(
                                "/api/auth/token",
                                Map.of(
                                        "username",
                                        admin.username(),
                                        "password",
                                        admin.password(),
                                        "tenant",
                                        Tenancy.B)),
                403,
                null);
    }

    @Test
    @Order(14)
    void liveEventStreamsAreCappedPerUser() {
        Api user = Tenancy.user(Tenancy.A, "VIEWER").api();
        String path = "/api/projects/" + a.id("project") + "/events";
        List<Api.Stream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                Api.Stream s = user.open(path);
                open.add(s);
                assertThat(s.status()).as("stream %d", i + 1).isEqualTo(200);
            }
            TRIED.add(String.format("%-95s %d", "10 live event streams of one user", 200));
            try (Api.Stream eleventh = user.open(path)) {
                TRIED.add(String.format("%-95s %d", "an 11th live event stream of the same user", eleventh.status()));
                assertThat(eleventh.status()).isEqualTo(429);
                assertThat(eleventh.contentType()).startsWith("application/problem+json");
            }
        } finally {
            open.forEach(Api.Stream::close);
        }
        // the slots come back once the streams are gone (noticed at the next keep-alive at the latest)
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    try (Api.Stream s = user.open(path)) {
                        return s.status() == 200;
                    }
                });
    }

    @Test
    @Order(15)
    void theDashboardsAnswersCarryAContentSecurityPolicyAndNosniff() {
        String dashboard = "http://127.0.0.1:" + Stack.port("web-dashboard");
        List<Api.Response> answers = List.of(
                Api.anonymous().get("/"),
                Api.anonymous().get("/projects/" + a.id("project")),
                Api.at(dashboard).get("/"),
                Api.at(dashboard).get("/approvals"));
        List<String> where =
                List.of("gateway /", "gateway /projects/{id}", "dashboard port /", "dashboard port /approvals");
        for (int i = 0; i < answers.size(); i++) {
            var headers = answers.get(i).raw().headers();
            String csp = String.join("; ", headers.allValues("content-security-policy"));
            TRIED.add(String.format(
                    "%-95s %d %s",
                    "dashboard's answer (" + where.get(i) + "): Content-Security-Policy, nosniff",
                    answers.get(i).status(),
                    csp.isEmpty() ? "no CSP" : "CSP"));
            assertThat(csp)
                    .as(where.get(i))
                    .contains("default-src 'self'")
                    .contains("object-src 'none'")
                    .contains("frame-ancestors 'none'")
                    .contains("img-src 'self' data:")
                    .doesNotContain("unsafe-inline")
                    .doesNotContain("*");
            assertThat(headers.allValues("x-content-type-options"))
                    .as(where.get(i))
                    .contains("nosniff");
        }
        assertThat(answers.get(0).status())
                .as("the dashboard's page through the gateway")
                .isEqualTo(200);
    }

    @Test
    @Order(16)
    void anApiKeyPastItsBudgetIs402AndItsSpendIsShownToItsTenantsAdminOnly() throws Exception {
        // the simulated model's calls cost nothing, so the key spends on a priced model of tenant a's own: a fake
        // OpenAI-compatible server on 127.0.0.2 (the one loopback address the stack's
        // BERRYS_MODEL_PROVIDER_ALLOWLIST lets a tenant's provider name; 127.0.0.1 stays refused, see @Order(4))
        // that reports 500 input and 50 output tokens per answer; at 1 USD per million input and 2 per million
        // output tokens each call costs 0.0006 USD, more than a quarter of the key's 0.002: a few calls spend it
        AtomicInteger upstreamCalls = new AtomicInteger();
        HttpServer upstream = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        upstream.createContext("/v1/chat/completions", exchange -> {
            upstreamCalls.incrementAndGet();
            String model =
                    Api.JSON.readTree(exchange.getRequestBody()).path("model").asString("priced");
            ObjectNode answer = Api.JSON
                    .createObjectNode()
                    .put("id", "chatcmpl-e2e")
                    .put("object", "chat.completion")
                    .put("created", 1_700_000_000L)
                    .put("model", model);
            ObjectNode choice = answer.putArray("choices").addObject().put("index", 0);
            choice.putObject("message")
                    .put("role", "assistant")
                    .put("content", "Three berries.")
                    .putNull("refusal");
            choice.putNull("logprobs").put("finish_reason", "stop");
            answer.putObject("usage")
                    .put("prompt_tokens", 500)
                    .put("completion_tokens", 50)
                    .put("total_tokens", 550);
            byte[] body = Api.JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        String provider = null;
        try {
            provider = Tenancy.createdId(a.admin()
                    .post(
                            "/api/providers",
                            Tenancy.providerBody(Tenancy.unique("priced"))
                                    .put(
                                            "baseUrl",
                                            "http://127.0.0.2:"
                                                    + upstream.getAddress().getPort() + "/v1")));
            String priced = Tenancy.unique("priced");
            Tenancy.createdId(a.admin()
                    .post("/api/models", Tenancy.modelBody(provider, priced).put("enabled", true)));
            spendAKeysBudget(priced);
            assertThat(upstreamCalls.get())
                    .as("calls answered by the priced model")
                    .isGreaterThanOrEqualTo(2);
        } finally {
            // its model goes with it: tenant a's later tests are not routed to it by auto
            if (provider != null) {
                assertThat(a.admin().delete("/api/providers/" + provider).status())
                        .isEqualTo(204);
            }
            upstream.stop(0);
        }
    }

    private void spendAKeysBudget(String pricedModel) {
        var created = a.admin()
                .post(
                        "/api/auth/api-keys",
                        Map.of("name", Tenancy.unique("budget"), "roles", List.of("OPERATOR"), "budgetUsd", 0.002));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Evidence.secret(
                "an API key's secret", created.json().path("clientSecret").asString(), created.exchange());
        String clientId = created.json().path("clientId").asString();
        Api key = Api.anonymous()
                .withToken(Evidence.secret(
                        "an API key", created.json().path("apiKey").asString(), created.exchange()));
        refused(
                "tenant ADMIN reads the spend of a key that made no call yet",
                a.admin().get("/api/budgets/api-keys/" + clientId),
                404,
                null);

        ObjectNode chat = Api.JSON.createObjectNode().put("model", pricedModel);
        chat.putArray("messages")
                .addObject()
                .put("role", "user")
                .put("content", "Summarise this list: " + "blueberry raspberry gooseberry ".repeat(60));
        allowed(
                "API key with a 0.002 USD budget: first /v1 chat call (a priced model)",
                key.post("/v1/chat/completions", chat),
                200);
        Api.Response last = null;
        int calls = 1;
        for (; calls < 30; calls++) {
            last = key.post("/v1/chat/completions", chat);
            if (last.status() != 200) {
                break;
            }
        }
        assertThat(last).isNotNull();
        var spentOut = refused(
                "API key with a 0.002 USD budget: /v1 chat call once spent (after " + calls + " calls)",
                last,
                402,
                "api-key");
        assertThat(spentOut.json().path("scope").asString()).isEqualTo("api-key");
        assertThat(spentOut.json().path("clientId").asString()).isEqualTo(clientId);

        JsonNode spend = allowed(
                        "tenant ADMIN reads the key's spend", a.admin().get("/api/budgets/api-keys/" + clientId), 200)
                .json();
        assertThat(spend.path("budgetUsd").decimalValue()).isEqualByComparingTo("0.002");
        // a call is held against the key by its estimated input, so what is spent may pass the budget by one answer
        // at least one priced answer (0.0006 USD): the key spent on the model it called, not on the free simulated one
        assertThat(spend.path("spentUsd").decimalValue()).isGreaterThanOrEqualTo(new BigDecimal("0.0006"));
        assertThat(spend.path("calls").asLong()).isGreaterThanOrEqualTo(1);
        TRIED.add(String.format(
                "%-95s %s",
                "  key's spend as the ADMIN sees it",
                "spentUsd " + spend.path("spentUsd").asString() + ", calls "
                        + spend.path("calls").asLong()));
        refused(
                "other tenant's ADMIN reads the key's spend",
                b.admin().get("/api/budgets/api-keys/" + clientId),
                404,
                null);
        refused(
                "tenant OPERATOR reads the key's spend",
                a.operator().get("/api/budgets/api-keys/" + clientId),
                403,
                null);
        allowed(
                "the ADMIN's own /v1 chat call (not the key's budget)",
                a.admin().post("/v1/chat/completions", chat),
                200);
    }

    @Test
    @Order(17)
    void aRevokedKeysOrDisabledUsersTokenIsRefusedByTheServicesCalledDirectly() {
        // not through the gateway: straight to a backend service's port, which reads the revocations the gateway
        // publishes (BERRYS_REVOCATION_REFRESH, 15 s)
        var key = newKey(a.admin(), "OPERATOR");
        String token = tokenOf(key).token();
        Api projects =
                Api.at("http://127.0.0.1:" + Stack.port("project-coordinator")).withToken(token);
        Api models =
                Api.at("http://127.0.0.1:" + Stack.port("model-orchestration")).withToken(token);
        allowed("API key's token straight to project-coordinator", projects.get("/api/projects"), 200);
        allowed("API key's token straight to model-orchestration", models.get("/api/models"), 200);
        assertThat(a.admin().delete("/api/auth/api-keys/" + key.id()).status()).isEqualTo(204);
        long revoked = System.nanoTime();
        awaitDirectRefusal(
                "revoked API key's token straight to project-coordinator", projects, "/api/projects", revoked);
        awaitDirectRefusal("revoked API key's token straight to model-orchestration", models, "/api/models", revoked);

        var user = Tenancy.user(Tenancy.A, "OPERATOR");
        Api tools = Api.at("http://127.0.0.1:" + Stack.port("tool-integration"))
                .withToken(user.api().token());
        Api agents = Api.at("http://127.0.0.1:" + Stack.port("agent-orchestrator"))
                .withToken(user.api().token());
        allowed("user's token straight to tool-integration", tools.get("/api/tools"), 200);
        allowed("user's token straight to agent-orchestrator", agents.get("/api/agent-templates"), 200);
        assertThat(a.admin()
                        .post("/api/auth/users/" + user.id() + "/disable", null)
                        .status())
                .isEqualTo(200);
        long disabled = System.nanoTime();
        awaitDirectRefusal("disabled user's token straight to tool-integration", tools, "/api/tools", disabled);
        awaitDirectRefusal(
                "disabled user's token straight to agent-orchestrator", agents, "/api/agent-templates", disabled);
    }

    /** Polls {@code path} until 401; asserts that came within 20 s of {@code since} and is a ProblemDetail. */
    static void awaitDirectRefusal(String attempt, Api api, String path, long since) {
        await().atMost(Duration.ofSeconds(25))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> api.get(path).status() == 401);
        long ms = Duration.ofNanos(System.nanoTime() - since).toMillis();
        refused(attempt + " (refused after " + ms / 1000 + " s)", api.get(path), 401, null);
        assertThat(ms).as(attempt + ": refused within 20 s").isLessThanOrEqualTo(20_000);
    }

    @Test
    @Order(18)
    void aToolsAnswerReachesTheModelWrappedAsUntrustedData() {
        // the simulated model quotes the tool messages it was given in its answer, so an execution's output shows
        // what the model received; the step keeps the tool's own answer
        JsonNode executions = a.admin()
                .get("/api/executions?projectId=" + a.id("project") + "&size=200")
                .json()
                .path("content");
        int checked = 0;
        for (JsonNode e : executions) {
            if (!e.path("status").asString().equals("COMPLETED")) {
                continue;
            }
            JsonNode full =
                    a.admin().get("/api/executions/" + e.path("id").asString()).json();
            for (JsonNode step : full.path("steps")) {
                if (!step.path("kind").asString().equals("TOOL_CALL")
                        || step.path("result").isNull()) {
                    continue;
                }
                String tool = step.path("tool").asString();
                assertThat(step.path("result").asString()).doesNotContain("<untrusted-data");
                assertThat(full.path("output").asString())
                        .as("execution %s: the model's input held the answer of %s wrapped", full.path("id"), tool)
                        .contains("<untrusted-data source=\"tool:" + tool + "\">");
                checked++;
            }
        }
        TRIED.add(String.format(
                "%-95s %s",
                "tool answers that reached the (simulated) model inside <untrusted-data source=\"tool:…\">",
                checked + " of " + checked));
        assertThat(checked).as("tool answers in the completed project").isPositive();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noAnswerOrLogLineShowsASecretEvery4xxIsAProblemDetailAndNothingIsA5xx() throws Exception {
        System.out.println("\nSecurity attempts (attempt, status, problem type):\n" + String.join("\n", TRIED));
        System.out.println(Api.EXCHANGES.size() + " answers checked");
        assertThat(Evidence.leaks()).as("answers showing a secret").isEmpty();
        assertThat(Evidence.loggedSecrets()).as("log lines holding a secret").isEmpty();
        assertThat(Evidence.badErrors()).as("4xx without ProblemDetail, 5xx").isEmpty();
    }

    record Key(String id, String clientId, String secret, String apiKey) {}

    static Key newKey(Api admin, String role) {
        var r = admin.post("/api/auth/api-keys", Map.of("name", Tenancy.unique("key"), "roles", List.of(role)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Key(
                r.json().path("id").asString(),
                r.json().path("clientId").asString(),
                Evidence.secret(
                        "an API key's secret", r.json().path("clientSecret").asString(), r.exchange()),
                Evidence.secret("an API key", r.json().path("apiKey").asString(), r.exchange()));
    }

    static Api tokenOf(Key key) {
        var r = Api.anonymous()
                .post("/api/auth/token", Map.of("clientId", key.clientId(), "clientSecret", key.secret()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return Api.anonymous().withToken(r.json().path("access_token").asString());
    }

    /** The credential is refused (401 ProblemDetail) within the revocation refresh (15 s here). */
    static void awaitRefused(String attempt, Api api) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/api/projects").status() == 401);
        refused(attempt, api.get("/api/projects"), 401, null);
    }
}
