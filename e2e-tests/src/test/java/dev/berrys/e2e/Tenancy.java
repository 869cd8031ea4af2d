package dev.berrys.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two customer tenants, {@code sec-a} and {@code sec-b}, made through the gateway by the platform admin: each
 * with an ADMIN, an OPERATOR and a VIEWER user, a service token of the tenant (the {@code berrys-services}
 * client), a project run to completion, a project waiting for plan approval, a provider with a stored key, a
 * routing policy, an HTTP tool and a (switched off) HTTP MCP server. Made once per JVM, shared by the
 * security suites.
 */
final class Tenancy {
    static final String A = "sec-a";
    static final String B = "sec-b";
    /** A public address that is never called: HTTP tools, MCP servers and providers are registered, not used. */
    static final String PUBLIC_URL = "https://8.8.8.8";

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Map<String, Tenant> TENANTS = new ConcurrentHashMap<>();

    /** A tenant's callers and the ids of its resources, by placeholder name ({@code project}, {@code plan} …). */
    record Tenant(
            String name,
            Api admin,
            Api operator,
            Api viewer,
            Api service,
            Map<String, String> userIds,
            Map<String, String> ids) {

        Api as(String role) {
            return switch (role) {
                case "ADMIN" -> admin;
                case "OPERATOR" -> operator;
                case "VIEWER" -> viewer;
                case "SERVICE" -> service;
                default -> throw new IllegalArgumentException(role);
            };
        }

        String id(String name) {
            String id = ids.get(name);
            if (id == null) {
                throw new IllegalStateException("no " + name + " in tenant " + this.name + ": " + ids.keySet());
            }
            return id;
        }
    }

    private Tenancy() {}

    static synchronized Tenant a() {
        return TENANTS.computeIfAbsent(A, Tenancy::make);
    }

    static synchronized Tenant b() {
        return TENANTS.computeIfAbsent(B, Tenancy::make);
    }

    /** Both, made at the same time (their projects run in parallel). */
    static synchronized void both() {
        if (TENANTS.containsKey(A) && TENANTS.containsKey(B)) {
            return;
        }
        var a = CompletableFuture.supplyAsync(() -> make(A));
        var b = CompletableFuture.supplyAsync(() -> make(B));
        TENANTS.put(A, a.join());
        TENANTS.put(B, b.join());
    }

    static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 6);
    }

    static String password() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Evidence.secret(
                "a user's password", Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    /** A token of the services' client for {@code tenant}. */
    static Api serviceOf(String tenant) {
        var r = Api.anonymous()
                .post(
                        "/api/auth/token",
                        Map.of(
                                "clientId",
                                "berrys-services",
                                "clientSecret",
                                Stack.serviceClientSecret(),
                                "tenant",
                                tenant));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return Api.anonymous().withToken(r.json().path("access_token").asString());
    }

    /** A user of {@code tenant} made by the platform admin; its id and a client signed in as it. */
    record User(String id, String username, String password, Api api) {}

    static User user(String tenant, String role) {
        String username = unique(tenant + "-" + role.toLowerCase());
        String password = password();
        var r = Api.admin()
                .post(
                        "/api/auth/users",
                        Map.of("username", username, "password", password, "roles", List.of(role), "tenant", tenant));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new User(
                r.json().path("id").asString(),
                username,
                password,
                Api.anonymous().signIn(username, password));
    }

    private static Tenant make(String tenant) {
        Map<String, String> userIds = new LinkedHashMap<>();
        Map<String, Api> apis = new LinkedHashMap<>();
        for (String role : List.of("ADMIN", "OPERATOR", "VIEWER")) {
            User u = user(tenant, role);
            userIds.put(role, u.id());
            apis.put(role, u.api());
        }
        Api admin = apis.get("ADMIN");
        Map<String, String> ids = new ConcurrentHashMap<>();
        ids.put("user", userIds.get("VIEWER"));

        // a project run to completion: plan, tasks, agents, executions, tool executions, artifacts, workflow
        String done = createProject(
                admin,
                "Research the market for electric cargo bikes, compare three competitors"
                        + " and estimate the cost of a launch, then write a launch plan",
                false);
        start(admin, done);
        // a project waiting for its plan to be approved
        String waiting = createProject(admin, "Write a short product announcement and review it", true);
        start(admin, waiting);

        var key = admin.post("/api/auth/api-keys", Map.of("name", unique("key"), "roles", List.of("VIEWER")));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        Evidence.secret("an API key's secret", key.json().path("clientSecret").asString(), key.exchange());
        Evidence.secret("an API key", key.json().path("apiKey").asString(), key.exchange());
        ids.put("apiKey", key.json().path("id").asString());
        ids.put("keyClient", budgetedKeyThatSpent(admin));

        ids.put("provider", createdId(admin.post("/api/providers", providerBody(unique("prov")))));
        ids.put("model", createdId(admin.post("/api/models", modelBody(ids.get("provider"), unique("model")))));
        ids.put(
                "template",
                createdId(admin.post(
                        "/api/agent-templates",
                        Map.of("name", unique("template"), "role", "checker", "systemPrompt", "You check things."))));
        ids.put("policy", createdId(admin.post("/api/routing-policies", policyBody(unique("policy")))));
        String tool = unique("tool");
        createdId(admin.post("/api/tools", toolBody(tool)));
        ids.put("tool", tool);
        ids.put("mcp", createdId(admin.post("/api/mcp-servers", mcpBody(unique("mcp")))));

        awaitStatus(admin, waiting, "AWAITING_APPROVAL");
        JsonNode approvals = admin.get("/api/approvals?status=PENDING&projectId=" + waiting)
                .json()
                .path("content");
        assertThat(approvals.size()).isEqualTo(1);
        ids.put("approval", approvals.get(0).path("id").asString());
        ids.put("waitingProject", waiting);

        awaitStatus(admin, done, "COMPLETED");
        ids.put("project", done);
        ids.put(
                "plan",
                admin.get("/api/plans?projectId=" + done)
                        .json()
                        .path("content")
                        .get(0)
                        .path("id")
                        .asString());
        JsonNode tasks =
                admin.get("/api/tasks?projectId=" + done + "&size=500").json().path("content");
        ids.put("task", tasks.get(0).path("id").asString());
        ids.put(
                "agent",
                admin.get("/api/agents?projectId=" + done)
                        .json()
                        .path("content")
                        .get(0)
                        .path("id")
                        .asString());
        ids.put(
                "execution",
                admin.get("/api/executions?taskId=" + ids.get("task"))
                        .json()
                        .path("content")
                        .get(0)
                        .path("id")
                        .asString());
        JsonNode toolRuns =
                admin.get("/api/tool-executions?projectId=" + done).json().path("content");
        ids.put("toolExecution", toolRuns.get(0).path("id").asString());
        ids.put(
                "artifact",
                admin.get("/api/projects/" + done + "/artifacts")
                        .json()
                        .path("content")
                        .get(0)
                        .path("id")
                        .asString());
        ids.put(
                "workflow",
                admin.get("/api/workflows?projectId=" + done)
                        .json()
                        .path("content")
                        .get(0)
                        .path("id")
                        .asString());
        JsonNode files = admin.get("/api/workspaces/" + done + "/files").json();
        JsonNode fileList = files.has("content") ? files.path("content") : files;
        ids.put("file", fileList.size() > 0 ? fileList.get(0).path("name").asString() : "none.md");

        return new Tenant(
                tenant, admin, apis.get("OPERATOR"), apis.get("VIEWER"), serviceOf(tenant), Map.copyOf(userIds), ids);
    }

    /**
     * An OPERATOR API key with a budget (100 USD) that has made one chat call through {@code /v1} with the key as
     * the bearer, so that its spend is on record: its client id.
     */
    private static String budgetedKeyThatSpent(Api admin) {
        var key = admin.post(
                "/api/auth/api-keys",
                Map.of("name", unique("budgeted"), "roles", List.of("OPERATOR"), "budgetUsd", 100));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        Evidence.secret("an API key's secret", key.json().path("clientSecret").asString(), key.exchange());
        String apiKey = Evidence.secret("an API key", key.json().path("apiKey").asString(), key.exchange());
        ObjectNode chat = Api.JSON.createObjectNode().put("model", "berrys-simulated-mini");
        chat.putArray("messages").addObject().put("role", "user").put("content", "Say hi");
        var call = Api.anonymous().withToken(apiKey).post("/v1/chat/completions", chat);
        assertThat(call.status()).as(call.toString()).isEqualTo(200);
        return key.json().path("clientId").asString();
    }

    static String createProject(Api api, String goal, boolean approval) {
        ObjectNode body = Api.JSON
                .createObjectNode()
                .put("name", goal.length() > 60 ? goal.substring(0, 60) : goal)
                .put("goal", goal)
                .put("requirePlanApproval", approval);
        return createdId(api.post("/api/projects", body));
    }

    static void start(Api api, String project) {
        var started = api.post("/api/projects/" + project + "/start", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
    }

    static void awaitStatus(Api api, String project, String status) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    String now = api.get("/api/projects/" + project)
                            .json()
                            .path("status")
                            .asString();
                    if (!now.equals(status)
                            && List.of("FAILED", "CANCELLED", "COMPLETED").contains(now)) {
                        throw new AssertionError(
                                "project " + project + " ended " + now + " while waiting for " + status);
                    }
                    return now.equals(status);
                });
    }

    /** A project waiting for approval: its approval's id. */
    static String pendingApproval(Api api) {
        String project = createProject(api, "Write a short product announcement and review it", true);
        start(api, project);
        awaitStatus(api, project, "AWAITING_APPROVAL");
        return api.get("/api/approvals?status=PENDING&projectId=" + project)
                .json()
                .path("content")
                .get(0)
                .path("id")
                .asString();
    }

    /** {@code n} results of {@code make}, made at the same time. */
    static List<String> parallel(int n, Supplier<String> make) {
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(CompletableFuture.supplyAsync(make));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    static String createdId(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    static ObjectNode providerBody(String name) {
        return Api.JSON
                .createObjectNode()
                .put("name", name)
                .put("type", "OPENAI_COMPATIBLE")
                .put("baseUrl", PUBLIC_URL + "/v1")
                .put("apiKey", Evidence.secret("a provider key", "sk-tenant-" + UUID.randomUUID()));
    }

    /**
     * Switched off: its provider's public address answers nothing, and a usable real model would take {@code auto}
     * from the simulated model (which does not stand in for a real provider), so the tenant's projects would wait.
     */
    static ObjectNode modelBody(String provider, String name) {
        ObjectNode body = Api.JSON
                .createObjectNode()
                .put("providerId", provider)
                .put("name", name)
                .put("contextWindow", 8000)
                .put("inputPricePerMillion", 1)
                .put("outputPricePerMillion", 2)
                .put("enabled", false);
        body.putArray("capabilities").add("chat");
        return body;
    }

    static ObjectNode policyBody(String taskType) {
        ObjectNode body = Api.JSON.createObjectNode().put("taskType", taskType).put("strategy", "CHEAPEST");
        body.putArray("preferredModels");
        body.putArray("capabilities");
        return body;
    }

    static ObjectNode toolBody(String name) {
        ObjectNode body = Api.JSON
                .createObjectNode()
                .put("name", name)
                .put("description", "an HTTP tool of the security suite")
                .put("url", PUBLIC_URL + "/hook");
        ObjectNode params = body.putObject("parameters").put("type", "object");
        params.putObject("properties").putObject("q").put("type", "string");
        return body;
    }

    static ObjectNode mcpBody(String name) {
        return Api.JSON
                .createObjectNode()
                .put("name", name)
                .put("transport", "STREAMABLE_HTTP")
                .put("url", PUBLIC_URL + "/mcp")
                .put("enabled", false);
    }
}
