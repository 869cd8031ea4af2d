package dev.berrys.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.e2e.docs.PublicApi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every public endpoint of the gateway × every caller (anonymous; ADMIN, OPERATOR, VIEWER and a SERVICE token of
 * tenant {@code sec-a}; the same four of tenant {@code sec-b}), the expected status of each cell in one table.
 * Ids in paths are {@code sec-a}'s, so the {@code sec-b} columns try another tenant's resources: those must be
 * 404 (never 403 by ownership, never a 2xx). The test prints expected against got and fails listing every
 * mismatched cell; it also fails on a 5xx anywhere and on any 2xx answer to {@code sec-b} that names an id of
 * {@code sec-a}.
 *
 * <p>Placeholders: {@code {project}} a completed project, {@code {approval}} a pending approval, {@code
 * {waitingProject}} its project, {@code {keyClient}} the client id of an API key with a budget that has made a
 * call, and the rest as named in {@link Tenancy}; {@code {new-…}} is a fresh resource
 * for each cell expected to succeed (it is changed or deleted) and a shared one otherwise. A {@code -} cell is
 * not tried (no tenant-scoped id in the path: the other tenant would only meet its own resources). Cells run in
 * the order anonymous, the other tenant's four, then VIEWER, SERVICE, OPERATOR, ADMIN, so that a cell expected
 * to refuse runs before the one that changes the resource.
 */
@ExtendWith(Stack.class)
class AuthorizationMatrixE2EIT {

    static final List<String> COLUMNS =
            List.of("anon", "VIEWER", "OPERATOR", "ADMIN", "SERVICE", "VIEWER'", "OPERATOR'", "ADMIN'", "SERVICE'");
    /** The order cells run in (indexes into COLUMNS). */
    static final int[] ORDER = {0, 5, 8, 6, 7, 1, 4, 2, 3};

    static final String MATRIX = """
            # method path                                        body            anon VIEWER OPERATOR ADMIN SERVICE | VIEWER' OPERATOR' ADMIN' SERVICE'
            GET    /.well-known/jwks.json                        -               200  200    200      200   200     | -    -    -    -
            POST   /api/auth/token                               empty           400  400    400      400   400     | -    -    -    -
            GET    /api/auth/me                                  -               401  200    200      200   200     | -    -    -    -
            PUT    /api/auth/me/password                         wrongPassword   401  400    400      400   409     | -    -    -    -
            GET    /api/auth/users                               -               401  403    403      200   403     | -    -    -    -
            POST   /api/auth/users                               user            401  403    403      201   403     | -    -    -    -
            POST   /api/auth/users/{new-user}/disable            -               401  403    403      200   403     | 403  403  404  403
            POST   /api/auth/users/{user}/enable                 -               401  403    403      200   403     | 403  403  404  403
            DELETE /api/auth/users/{new-user}                    -               401  403    403      204   403     | 403  403  404  403
            PUT    /api/auth/users/{new-user}/password           password        401  403    403      204   403     | 403  403  404  403
            GET    /api/auth/api-keys                            -               401  403    403      200   403     | -    -    -    -
            POST   /api/auth/api-keys                            apiKey          401  403    403      201   403     | -    -    -    -
            DELETE /api/auth/api-keys/{new-key}                  -               401  403    403      204   403     | 403  403  404  403
            POST   /api/auth/api-keys/{new-key}/rotate           -               401  403    403      200   403     | 403  403  404  403
            GET    /api/projects                                 -               401  200    200      200   200     | -    -    -    -
            POST   /api/projects                                 project         401  403    201      201   201     | -    -    -    -
            GET    /api/projects/{project}                       -               401  200    200      200   200     | 404  404  404  404
            GET    /api/projects/{project}/artifacts             -               401  200    200      200   200     | 404  404  404  404
            GET    /api/projects/{project}/artifacts/{artifact}  -               401  200    200      200   200     | 404  404  404  404
            GET    /api/projects/{project}/result                -               401  200    200      200   200     | 404  404  404  404
            GET    /api/projects/{project}/timeline              -               401  200    200      200   200     | 404  404  404  404
            GET    /api/projects/{project}/events                -               401  200    200      200   200     | 404  404  404  404
            PATCH  /api/projects/{new-draft}/budget              projectBudget   401  403    200      200   200     | 403  404  404  404
            POST   /api/projects/{new-draft}/start               -               401  403    200      200   200     | 403  404  404  404
            POST   /api/projects/{new-draft}/pause               -               401  403    409      409   409     | 403  404  404  404
            POST   /api/projects/{new-draft}/resume              -               401  403    409      409   409     | 403  404  404  404
            POST   /api/projects/{new-draft}/cancel              reason          401  403    200      200   200     | 403  404  404  404
            GET    /api/approvals                                -               401  200    200      200   200     | -    -    -    -
            GET    /api/approvals/{approval}                      -               401  200    200      200   200     | 404  404  404  404
            POST   /api/approvals/{new-approval}/approve         comment         401  403    200      200   200     | 403  404  404  404
            POST   /api/approvals/{new-approval}/reject          comment         401  403    200      200   200     | 403  404  404  404
            GET    /api/plans?projectId={project}                -               401  200    200      200   200     | 200  200  200  200
            GET    /api/plans/{plan}                             -               401  200    200      200   200     | 404  404  404  404
            GET    /api/tasks?projectId={project}                -               401  200    200      200   200     | 200  200  200  200
            GET    /api/tasks/{task}                             -               401  200    200      200   200     | 404  404  404  404
            POST   /api/tasks/{task}/retry                       -               401  403    409      409   409     | 403  404  404  404
            POST   /api/tasks/{task}/skip                        reason          401  403    409      409   409     | 403  404  404  404
            GET    /api/agent-templates                          -               401  200    200      200   200     | -    -    -    -
            POST   /api/agent-templates                          template        401  403    201      201   403     | -    -    -    -
            GET    /api/agent-templates/{template}               -               401  200    200      200   200     | 404  404  404  404
            GET    /api/agents?projectId={project}               -               401  200    200      200   200     | 200  200  200  200
            GET    /api/agents/{agent}                           -               401  200    200      200   200     | 404  404  404  404
            GET    /api/agents/{agent}/memory                    -               401  200    200      200   200     | 404  404  404  404
            GET    /api/executions?taskId={task}                 -               401  200    200      200   200     | 200  200  200  200
            GET    /api/executions/{execution}                   -               401  200    200      200   200     | 404  404  404  404
            GET    /api/memory?projectId={project}               -               401  200    200      200   200     | 200  200  200  200
            GET    /api/questions?projectId={project}            -               401  200    200      200   200     | 200  200  200  200
            # no question fixture: an id that is no question shows the roles (403 before 404) and that nothing leaks
            GET    /api/questions/{execution}                    -               401  404    404      404   404     | 404  404  404  404
            POST   /api/questions/{execution}/answer             answer          401  403    404      404   404     | 403  404  404  404
            GET    /api/budgets/tenant                           -               401  404    404      404   404     | -    -    -    -
            PUT    /api/budgets/tenant                           budget          401  403    403      200   403     | -    -    -    -
            GET    /api/budgets/api-keys/{keyClient}             -               401  403    403      200   403     | 403  403  404  403
            GET    /api/budgets/{project}                        -               401  200    200      200   200     | 404  404  404  404
            PUT    /api/budgets/{project}                        budget          401  403    200      200   403     | 403  404  404  403
            GET    /api/model-calls?projectId={project}          -               401  200    200      200   200     | 200  200  200  200
            GET    /api/model-usage?projectId={project}          -               401  200    200      200   200     | 200  200  200  200
            GET    /api/models                                   -               401  200    200      200   200     | -    -    -    -
            POST   /api/models                                   model           401  403    403      201   403     | -    -    -    -
            GET    /api/models/{model}                           -               401  200    200      200   200     | 404  404  404  404
            PUT    /api/models/{model}                           modelChange     401  403    403      200   403     | 403  403  404  403
            GET    /api/providers                                -               401  200    200      200   200     | -    -    -    -
            POST   /api/providers                                provider        401  403    403      201   403     | -    -    -    -
            GET    /api/providers/{provider}                     -               401  200    200      200   200     | 404  404  404  404
            PUT    /api/providers/{provider}                     provider        401  403    403      200   403     | 403  403  404  403
            DELETE /api/providers/{new-provider}                 -               401  403    403      204   403     | 403  403  404  403
            GET    /api/routing-policies                         -               401  200    200      200   200     | -    -    -    -
            POST   /api/routing-policies                         policy          401  403    403      201   403     | -    -    -    -
            GET    /api/routing-policies/{policy}                -               401  200    200      200   200     | 404  404  404  404
            PUT    /api/routing-policies/{policy}                policy          401  403    403      200   403     | 403  403  404  403
            DELETE /api/routing-policies/{new-policy}            -               401  403    403      204   403     | 403  403  404  403
            POST   /v1/chat/completions                          chat            401  403    200      200   200     | -    -    -    -
            GET    /v1/models                                    -               401  200    200      200   200     | -    -    -    -
            GET    /v1/models/berrys-simulated                   -               401  200    200      200   200     | -    -    -    -
            GET    /api/mcp-servers                              -               401  200    200      200   200     | -    -    -    -
            POST   /api/mcp-servers                              mcp             401  403    403      201   403     | -    -    -    -
            GET    /api/mcp-servers/{mcp}                        -               401  200    200      200   200     | 404  404  404  404
            PATCH  /api/mcp-servers/{mcp}                        disable         401  403    403      200   403     | 403  403  404  403
            POST   /api/mcp-servers/{mcp}/refresh                -               401  403    403      409   403     | 403  403  404  403
            DELETE /api/mcp-servers/{new-mcp}                    -               401  403    403      204   403     | 403  403  404  403
            GET    /api/tools                                    -               401  200    200      200   200     | -    -    -    -
            POST   /api/tools                                    tool            401  403    201      201   201     | -    -    -    -
            GET    /api/tools/{tool}                             -               401  200    200      200   200     | 404  404  404  404
            PATCH  /api/tools/{tool}                             enable          401  403    200      200   200     | 403  404  404  404
            GET    /api/tools/{tool}/stats                       -               401  200    200      200   200     | 404  404  404  404
            POST   /api/tools/calculator/execute                 calculate       401  403    403      403   200     | -    -    -    -
            POST   /api/tools/{tool}/execute                     query           401  403    403      403   200     | 403  403  403  404
            GET    /api/tool-executions?projectId={project}      -               401  200    200      200   200     | 200  200  200  200
            GET    /api/tool-executions/{toolExecution}          -               401  200    200      200   200     | 404  404  404  404
            GET    /api/workspaces/{project}/files               -               401  200    200      200   200     | 200  200  200  200
            GET    /api/workspaces/{project}/files/{file}        -               401  200    200      200   200     | 404  404  404  404
            GET    /api/workflows?projectId={project}            -               401  200    200      200   200     | 200  200  200  200
            GET    /api/workflows/{workflow}                     -               401  200    200      200   200     | 404  404  404  404
            GET    /api/dead-letters                             -               401  403    200      200   403     | -    -    -    -
            POST   /api/dead-letters/1-0/replay                  -               401  403    404      404   403     | -    -    -    -
            GET    /api/system/health                            -               401  200    200      200   200     | -    -    -    -
            """;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z-]+)}");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    record Row(String method, String path, String body, List<String> expected) {
        String endpoint() {
            return method + " " + path;
        }
    }

    record Cell(Row row, String column, String expected, int got, String requested, String answer) {
        boolean matches() {
            return expected.equals(Integer.toString(got));
        }
    }

    static Tenancy.Tenant a;
    static Tenancy.Tenant b;
    static final Map<String, List<String>> POOLS = new LinkedHashMap<>();

    @BeforeAll
    static void tenants() {
        Tenancy.both();
        a = Tenancy.a();
        b = Tenancy.b();
        // the pending approvals the cells expected to decide one will use, made at the same time
        int approvals = (int) rows().stream()
                .filter(r -> r.path().contains("{new-approval}"))
                .flatMap(r -> r.expected().stream())
                .filter(AuthorizationMatrixE2EIT::success)
                .count();
        POOLS.put(
                "new-approval", new ArrayList<>(Tenancy.parallel(approvals, () -> Tenancy.pendingApproval(a.admin()))));
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String line : MATRIX.lines().toList()) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            String[] f = line.replace("|", " ").strip().split("\\s+");
            if (f.length != 3 + COLUMNS.size()) {
                throw new IllegalStateException(
                        "a row needs method, path, body and " + COLUMNS.size() + " cells: " + line);
            }
            rows.add(new Row(f[0], f[1], f[2], List.of(f).subList(3, f.length)));
        }
        return rows;
    }

    static boolean success(String expected) {
        return expected.startsWith("2");
    }

    @Test
    void everyEndpointAnswersEachCallerAsTheTableSays() {
        List<Cell> cells = new ArrayList<>();
        for (Row row : rows()) {
            Cell[] done = new Cell[COLUMNS.size()];
            for (int i : ORDER) {
                String expected = row.expected().get(i);
                if (!expected.equals("-")) {
                    done[i] = run(row, COLUMNS.get(i), expected);
                }
            }
            for (Cell c : done) {
                if (c != null) {
                    cells.add(c);
                }
            }
        }
        System.out.println(table(cells));

        List<String> mismatches = cells.stream()
                .filter(c -> !c.matches())
                .map(c -> c.row().endpoint() + " as " + c.column() + ": expected " + c.expected() + ", got " + c.got()
                        + " (" + c.requested() + ": " + Evidence.abbreviate(c.answer()) + ")")
                .toList();
        List<String> serverErrors = cells.stream()
                .filter(c -> c.got() >= 500)
                .map(c -> c.row().endpoint() + " as " + c.column() + ": " + c.got())
                .toList();
        List<String> leaks = leaks(cells);
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(serverErrors).as("5xx answers").isEmpty();
            soft.assertThat(leaks)
                    .as("2xx answers to one tenant naming the other's ids")
                    .isEmpty();
            soft.assertThat(mismatches).as("cells that differ from the table").isEmpty();
            soft.assertThat(Evidence.badErrors())
                    .as("4xx without ProblemDetail, 5xx")
                    .isEmpty();
            soft.assertThat(Evidence.leaks()).as("answers showing a secret").isEmpty();
        });
    }

    @Test
    void theTableHasARowForEveryPublicEndpoint() {
        List<String> rows = rows().stream().map(Row::endpoint).toList();
        List<String> missing = PublicApi.endpoints(Stack.root()).stream()
                .filter(endpoint -> rows.stream().noneMatch(row -> covers(endpoint, row)))
                .toList();
        assertThat(missing).as("public endpoints with no row in the matrix").isEmpty();
    }

    /** Whether a row ("POST /api/tools/{tool}/execute") tries an endpoint ("POST /api/tools/{name}/execute"). */
    static boolean covers(String endpoint, String row) {
        String[] e = endpoint.split("[ /]");
        String[] r = row.replaceAll("\\?.*", "").split("[ /]");
        for (int i = 0; i < e.length; i++) {
            if (e[i].startsWith("{*") && i < r.length) {
                return true;
            }
            if (i >= r.length || !(e[i].equals(r[i]) || (e[i].startsWith("{") && !r[i].isEmpty()))) {
                return false;
            }
        }
        return e.length == r.length;
    }

    /**
     * Every id of {@code sec-a} in a 2xx answer to a caller of {@code sec-b} (ids the caller sent aside), and every
     * such answer that lists something. {@code sec-a}'s ids are its fixture's and those in its own callers' 2xx
     * answers, less the platform's built-ins that every tenant sees (ids {@code sec-b} meets in its own lists).
     */
    static List<String> leaks(List<Cell> cells) {
        Set<String> aIds = new HashSet<>(a.ids().values());
        aIds.addAll(a.userIds().values());
        for (Cell c : cells) {
            if (success(Integer.toString(c.got())) && !c.column().endsWith("'")) {
                aIds.addAll(uuids(c.answer()));
            }
        }
        for (String list : List.of("/api/agent-templates?size=200", "/api/tools?size=200", "/api/models?size=200")) {
            aIds.removeAll(uuids(b.admin().get(list).body()));
        }
        List<String> found = new ArrayList<>();
        for (Cell c : cells) {
            if (!success(Integer.toString(c.got())) || !c.column().endsWith("'")) {
                continue;
            }
            Set<String> named = uuids(c.answer());
            named.removeAll(uuids(c.requested()));
            named.retainAll(aIds);
            named.forEach(id -> found.add(c.row().endpoint() + " as " + c.column() + " names " + id));
            var json = Api.JSON.readTree(c.answer().isBlank() ? "{}" : c.answer());
            boolean lists = json.isArray()
                    ? !json.isEmpty()
                    : json.path("content").size() > 0 || json.path("calls").asLong(0) > 0;
            if (lists) {
                found.add(c.row().endpoint() + " as " + c.column() + " lists something: "
                        + Evidence.abbreviate(c.answer()));
            }
        }
        return found;
    }

    static Set<String> uuids(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = UUID_TEXT.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    Cell run(Row row, String column, String expected) {
        boolean other = column.endsWith("'");
        String role = column.replace("'", "");
        Api api = role.equals("anon") ? Api.anonymous() : (other ? b : a).as(role);
        boolean fresh = !other && success(expected);
        String path = resolve(row.path(), fresh);
        String body = body(row.body(), fresh);
        if (row.path().endsWith("/events")) {
            try (Api.Stream s = api.open(path)) {
                return new Cell(row, column, expected, s.status(), path, s.contentType());
            }
        }
        Api.Response r = api.call(row.method(), path, body);
        return new Cell(row, column, expected, r.status(), path + (body == null ? "" : " " + body), r.body());
    }

    /** The path with {@code sec-a}'s ids in place of its placeholders. */
    String resolve(String path, boolean fresh) {
        Matcher m = PLACEHOLDER.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(id(m.group(1), fresh)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private final Map<String, String> shared = new LinkedHashMap<>();

    String id(String name, boolean fresh) {
        if (!name.startsWith("new-")) {
            return a.id(name);
        }
        if (!fresh) {
            return shared.computeIfAbsent(name, n -> make(n).get());
        }
        return make(name).get();
    }

    Supplier<String> make(String name) {
        Api admin = a.admin();
        return switch (name) {
            case "new-user" -> () -> Tenancy.user(Tenancy.A, "VIEWER").id();
            case "new-key" ->
                () -> {
                    var r = admin.post(
                            "/api/auth/api-keys", Map.of("name", Tenancy.unique("key"), "roles", List.of("VIEWER")));
                    Evidence.secret(
                            "an API key's secret", r.json().path("clientSecret").asString(), r.exchange());
                    Evidence.secret("an API key", r.json().path("apiKey").asString(), r.exchange());
                    return Tenancy.createdId(r);
                };
            case "new-draft" -> () -> Tenancy.createProject(admin, "Write a haiku about tenants", true);
            case "new-approval" ->
                () -> {
                    List<String> pool = POOLS.get(name);
                    return pool.isEmpty() ? a.id("approval") : pool.removeFirst();
                };
            case "new-provider" ->
                () -> Tenancy.createdId(admin.post("/api/providers", Tenancy.providerBody(Tenancy.unique("prov"))));
            case "new-policy" ->
                () -> Tenancy.createdId(
                        admin.post("/api/routing-policies", Tenancy.policyBody(Tenancy.unique("policy"))));
            case "new-mcp" ->
                () -> Tenancy.createdId(admin.post("/api/mcp-servers", Tenancy.mcpBody(Tenancy.unique("mcp"))));
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The JSON body a row names; names that must be unique are made so. */
    @Nullable
    String body(String name, boolean fresh) {
        ObjectNode o = Api.JSON.createObjectNode();
        switch (name) {
            case "-" -> {
                return null;
            }
            case "empty" -> {}
            case "wrongPassword" ->
                o.put("currentPassword", "not-the-password-1").put("newPassword", "a-new-password-1");
            case "user" ->
                o.put("username", Tenancy.unique("m-user"))
                        .put("password", Tenancy.password())
                        .putArray("roles")
                        .add("VIEWER");
            case "password" -> o.put("password", Tenancy.password());
            case "apiKey" ->
                o.put("name", Tenancy.unique("m-key")).putArray("roles").add("VIEWER");
            case "project" -> o.put("name", Tenancy.unique("m-project")).put("goal", "Write a haiku about tenants");
            case "projectBudget", "budget" -> o.put("budgetUsd", 1000).put("budgetTokens", 100_000_000);
            case "reason" -> o.put("reason", "authorization matrix");
            case "comment" -> o.put("comment", "authorization matrix");
            case "answer" -> o.put("answer", "authorization matrix");
            case "template" ->
                o.put("name", Tenancy.unique("m-template"))
                        .put("role", "m-" + Tenancy.unique("r").toLowerCase().replaceAll("[^a-z0-9-]", ""))
                        .put("systemPrompt", "You check things.");
            case "model" ->
                // switched off, as Tenancy's: a usable model at a provider that answers nothing would take auto
                o.put("providerId", a.id("provider"))
                        .put("name", Tenancy.unique("m-model"))
                        .put("contextWindow", 8000)
                        .put("inputPricePerMillion", 1)
                        .put("outputPricePerMillion", 2)
                        .put("enabled", false)
                        .putArray("capabilities")
                        .add("chat");
            case "modelChange" ->
                o.put("providerId", a.id("provider"))
                        .put("name", Tenancy.unique("m-model"))
                        .put("contextWindow", 8000)
                        .put("inputPricePerMillion", 1)
                        .put("outputPricePerMillion", 2)
                        .put("enabled", false)
                        .putArray("capabilities")
                        .add("chat");
            case "provider" -> {
                return Api.JSON.writeValueAsString(Tenancy.providerBody(Tenancy.unique("m-prov")));
            }
            case "policy" -> {
                return Api.JSON.writeValueAsString(Tenancy.policyBody(Tenancy.unique("m-policy")));
            }
            case "mcp" -> {
                return Api.JSON.writeValueAsString(Tenancy.mcpBody(Tenancy.unique("m-mcp")));
            }
            case "tool" -> {
                return Api.JSON.writeValueAsString(Tenancy.toolBody(Tenancy.unique("m-tool")));
            }
            case "disable" -> o.put("enabled", false);
            case "enable" -> o.put("enabled", true);
            case "calculate" -> o.putObject("arguments").put("expression", "6*7");
            case "query" -> o.putObject("arguments").put("q", "x");
            case "chat" -> {
                o.put("model", "berrys-simulated-mini").put("max_tokens", 16);
                o.putArray("messages").addObject().put("role", "user").put("content", "Say hi");
            }
            default -> throw new IllegalArgumentException("no body named " + name);
        }
        return Api.JSON.writeValueAsString(o);
    }

    /** Expected against got, one line per endpoint; a mismatched cell shows {@code expected→got}. */
    static String table(List<Cell> cells) {
        Map<String, Map<String, Cell>> byRow = new LinkedHashMap<>();
        for (Cell c : cells) {
            byRow.computeIfAbsent(c.row().endpoint(), k -> new LinkedHashMap<>())
                    .put(c.column(), c);
        }
        int width = byRow.keySet().stream().mapToInt(String::length).max().orElse(10);
        StringBuilder out =
                new StringBuilder("\nAuthorization matrix (ids of sec-a; primed columns are sec-b's callers;"
                        + " a mismatch shows expected→got)\n");
        out.append(String.format("%-" + width + "s", "endpoint"));
        for (String col : COLUMNS) {
            out.append(String.format(" %-9s", col));
        }
        out.append('\n');
        byRow.forEach((endpoint, row) -> {
            out.append(String.format("%-" + width + "s", endpoint));
            for (String col : COLUMNS) {
                Cell c = row.get(col);
                String text = c == null ? "-" : c.matches() ? c.expected() : c.expected() + "→" + c.got();
                out.append(String.format(" %-9s", text));
            }
            out.append('\n');
        });
        long mismatched = cells.stream().filter(c -> !c.matches()).count();
        out.append(cells.size()).append(" cells, ").append(mismatched).append(" mismatched\n");
        return out.toString();
    }
}
