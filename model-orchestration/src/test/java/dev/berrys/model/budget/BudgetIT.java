package dev.berrys.model.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.contracts.api.BerrysHeaders;
import dev.berrys.model.Api;
import dev.berrys.model.ModelIT;
import dev.berrys.starter.events.EventBusProperties;
import dev.berrys.starter.test.TestEvents;
import dev.berrys.starter.test.TestTokens;
import dev.berrys.starter.test.model.FakeModelServer;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Accounting of every call and the budget that refuses calls past it, with its events. Projects are
 * project-coordinator's: a fake of it here knows which project is whose.
 */
@ModelIT
class BudgetIT {
    static final FakeProjects PROJECTS = FakeProjects.start();
    static final FakeModelServer UPSTREAM = FakeModelServer.openAi();

    @DynamicPropertySource
    static void projectService(DynamicPropertyRegistry registry) {
        registry.add("BERRYS_PROJECT_URL", PROJECTS::url);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RedisClient redis;

    @Autowired
    EventBusProperties props;

    @Autowired
    BudgetGuard guard;

    /** Enough prompt that the input, which the budget check estimates, dominates a call's tokens. */
    static final String CONTEXT =
            "Background: ".repeat(1) + "tea was first drunk in China, traded along the silk road, ".repeat(20);

    Api api;
    String tenant;

    @BeforeEach
    void setUp() {
        tenant = "t-" + UUID.randomUUID();
        api = new Api(port, TestTokens.token("admin", tenant, "ADMIN"));
    }

    @Test
    void everyCallIsAccountedAndAggregatedByModelAgentAndTask() {
        UUID project = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        UUID task1 = UUID.randomUUID();
        UUID task2 = UUID.randomUUID();
        call(project, agent, task1, "berrys-simulated");
        call(project, agent, task1, "berrys-simulated");
        call(project, agent, task2, "berrys-simulated-mini");
        call(UUID.randomUUID(), agent, task2, "berrys-simulated");

        JsonNode usage = api.get("/api/model-usage?projectId=" + project).json();
        assertThat(usage.get("calls").asLong()).isEqualTo(3);
        long in = usage.get("inputTokens").asLong();
        long out = usage.get("outputTokens").asLong();
        assertThat(in).isPositive();
        assertThat(out).isPositive();
        assertThat(usage.get("costUsd").decimalValue())
                .as("the simulated model's answers cost nothing")
                .isZero();
        assertThat(usage.get("byModel")).hasSize(2);
        assertThat(usage.get("byAgent")).hasSize(1);
        assertThat(usage.get("byAgent").get(0).get("key").asString()).isEqualTo(agent.toString());
        assertThat(usage.get("byTask")).hasSize(2);
        assertThat(usage.get("budget").get("spentTokens").asLong()).isEqualTo(in + out);

        List<Map<String, Object>> rows = jdbc.queryForList(
                "select provider_name, model_name, task_id, agent_id, outcome, cost_usd, latency_ms from model_call where tenant = ? and project_id = ?",
                tenant,
                project);
        assertThat(rows).hasSize(3).allSatisfy(r -> {
            assertThat(r.get("provider_name")).isEqualTo("simulated");
            assertThat(r.get("outcome")).isEqualTo("SUCCEEDED");
            assertThat(r.get("agent_id")).isEqualTo(agent);
            assertThat(new java.math.BigDecimal(r.get("cost_usd").toString())).isZero();
        });
        assertThat(events("model.call-recorded", project)).hasSize(3).allSatisfy(e -> assertThat(
                        e.get("data").get("simulated").asBoolean())
                .as("the event says the simulated model answered")
                .isTrue());
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus").body())
                .contains("berrys_model_calls_total{")
                .contains("berrys_model_tokens_total{")
                .contains("direction=\"input\"")
                .contains("berrys_model_cost_usd_total{");
    }

    @Test
    void aBudgetWarnsAt80PercentRefusesTheCallThatWouldPassItAndLetsCallsThroughOnceRaised() {
        UUID project = project();
        var first = call(project, null, null, "berrys-simulated");
        long perCall = first.json().get("usage").get("total_tokens").asLong();
        long budget = (long) (perCall * 2.2);
        var set = api.put("/api/budgets/" + project, Map.of("budgetTokens", budget));
        assertThat(set.status()).isEqualTo(200);
        assertThat(events("budget.warning", project)).isEmpty();

        assertThat(call(project, null, null, "berrys-simulated").status()).isEqualTo(200);
        assertThat(events("budget.warning", project))
                .as("at 80%% of the budget")
                .hasSize(1);

        var refused = call(project, null, null, "berrys-simulated");
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.json().get("type").asString()).isEqualTo("https://berrys.dev/problems/budget-exceeded");
        assertThat(refused.json().get("budgetTokens").asLong()).isEqualTo(budget);
        List<JsonNode> exceeded = events("budget.exceeded", project);
        assertThat(exceeded).hasSize(1);
        assertThat(exceeded.getFirst().get("data").get("budgetTokens").asLong()).isEqualTo(budget);
        assertThat(exceeded.getFirst().get("tenant").asString()).isEqualTo(tenant);
        assertThat(call(project, null, null, "berrys-simulated").status()).isEqualTo(402);
        assertThat(events("budget.exceeded", project))
                .as("parallel refusals publish once")
                .hasSize(1);
        assertThat(events("budget.warning", project))
                .as("the warning is given once")
                .hasSize(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from model_call where tenant = ? and project_id = ? and outcome = 'REFUSED_BUDGET'",
                        Long.class,
                        tenant,
                        project))
                .isEqualTo(2);

        assertThat(api.put("/api/budgets/" + project, Map.of("budgetTokens", budget * 10))
                        .status())
                .isEqualTo(200);
        assertThat(call(project, null, null, "berrys-simulated").status()).isEqualTo(200);
    }

    @Test
    void callsRunningAtTheSameMomentCannotTogetherPassTheBudget() throws Exception {
        UUID project = project();
        var first = call(project, null, null, "berrys-simulated");
        long spent = first.json().get("usage").get("total_tokens").asLong();
        long estimate = first.json().get("usage").get("prompt_tokens").asLong();
        // room for two more calls' input, not for three: without reservations all four would pass the check
        long budget = spent + (long) (estimate * 2.5);
        assertThat(api.put("/api/budgets/" + project, Map.of("budgetTokens", budget))
                        .status())
                .isEqualTo(200);
        String simulated =
                api.get("/api/providers").json().get("content").get(0).get("id").asString();
        assertThat(api.put(
                                "/api/providers/" + simulated,
                                Map.of(
                                        "name",
                                        "simulated",
                                        "type",
                                        "SIMULATED",
                                        "settings",
                                        Map.of("simulatedLatencyMs", 1_500)))
                        .status())
                .isEqualTo(200);

        List<Integer> statuses;
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var calls = java.util.stream.IntStream.range(0, 4)
                    .mapToObj(i -> pool.submit(
                            () -> call(project, null, null, "berrys-simulated").status()))
                    .toList();
            statuses = new java.util.ArrayList<>();
            for (var c : calls) {
                statuses.add(c.get());
            }
        }

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(2);
        assertThat(statuses).filteredOn(s -> s == 402).hasSize(2);
        Map<String, Object> row = jdbc.queryForMap(
                "select reserved_tokens, spent_tokens from budget where tenant = ? and project_id = ?",
                tenant,
                project);
        assertThat(row.get("reserved_tokens"))
                .as("every reservation given back")
                .isEqualTo(0L);
        assertThat(jdbc.queryForObject(
                        "select count(*) from budget_reservation where tenant = ? and project_id = ?",
                        Long.class,
                        tenant,
                        project))
                .isZero();
        assertThat(api.get("/api/budgets/" + project)
                        .json()
                        .get("reservedTokens")
                        .asLong())
                .isZero();
    }

    @Test
    void aReservationLeftByAStoppedInstanceIsGivenBackWhenItExpires() {
        UUID project = project();
        api.put("/api/budgets/" + project, Map.of("budgetTokens", 1_000));
        jdbc.update("update budget set reserved_tokens = 900 where tenant = ? and project_id = ?", tenant, project);
        jdbc.update(
                "insert into budget_reservation (call_id, tenant, project_id, usd, tokens, expires_at)"
                        + " values (?, ?, ?, 0, 900, now() - interval '1 second')",
                UUID.randomUUID(),
                tenant,
                project);
        assertThat(call(project, null, null, "berrys-simulated").status())
                .as("the orphaned reservation still holds the budget")
                .isEqualTo(402);

        guard.releaseExpired();

        assertThat(api.get("/api/budgets/" + project)
                        .json()
                        .get("reservedTokens")
                        .asLong())
                .isZero();
        assertThat(call(project, null, null, "berrys-simulated").status()).isEqualTo(200);
    }

    @Test
    void aUsdBudgetRefusesAPricedCallButNotTheFreeSimulatedOne() {
        String priced = pricedModel();
        UUID spending = project();
        var paid = call(spending, null, null, priced);
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(paid.header("X-Berrys-Simulated")).isNull();
        assertThat(api.get("/api/model-usage?projectId=" + spending)
                        .json()
                        .get("costUsd")
                        .decimalValue())
                .as("a real model's answer costs its price")
                .isPositive();
        assertThat(events("model.call-recorded", spending)
                        .getFirst()
                        .get("data")
                        .get("simulated")
                        .asBoolean())
                .isFalse();

        UUID project = project();
        api.put("/api/budgets/" + project, Map.of("budgetUsd", 0));
        var refused = call(project, null, null, priced);
        assertThat(refused.status()).isEqualTo(402);
        assertThat(events("budget.exceeded", project)).hasSize(1);
        assertThat(call(project, null, null, "berrys-simulated").status())
                .as("a simulated answer costs 0 USD, within any budget in USD")
                .isEqualTo(200);
    }

    @Test
    void theBudgetIsLearntFromProjectEventsAndAnApiBudgetIsKept() {
        UUID project = project();
        publishProjectEvent(
                "project.created",
                project,
                Map.of(
                        "projectId",
                        project,
                        "name",
                        "p",
                        "goal",
                        "g",
                        "budgetUsd",
                        2.5,
                        "budgetTokens",
                        5000,
                        "requirePlanApproval",
                        false));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/budgets/" + project).status() == 200);
        JsonNode budget = api.get("/api/budgets/" + project).json();
        assertThat(budget.get("budgetUsd").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(budget.get("budgetTokens").asLong()).isEqualTo(5000);

        api.put("/api/budgets/" + project, Map.of("budgetUsd", 9, "budgetTokens", 9000));
        publishProjectEvent(
                "project.started",
                project,
                Map.of(
                        "projectId",
                        project,
                        "name",
                        "p",
                        "goal",
                        "g",
                        "budgetUsd",
                        2.5,
                        "budgetTokens",
                        5000,
                        "requirePlanApproval",
                        false));
        UUID marker = UUID.randomUUID();
        publishProjectEvent(
                "project.created",
                marker,
                Map.of("projectId", marker, "name", "q", "goal", "g", "budgetTokens", 1, "requirePlanApproval", false));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/budgets/" + marker).status() == 200);
        assertThat(api.get("/api/budgets/" + project).json().get("budgetTokens").asLong())
                .isEqualTo(9000);

        // an admin's change (project-coordinator says who): it replaces the limits the API set
        publishProjectEvent(
                "project.budget-changed", project, Map.of("projectId", project, "budgetUsd", 20, "setByRole", "ADMIN"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode changed = api.get("/api/budgets/" + project).json();
            assertThat(changed.get("budgetUsd").decimalValue()).isEqualByComparingTo("20");
            assertThat(changed.get("budgetTokens").isNull()).isTrue();
        });
    }

    @Test
    void aBudgetChangeFromProjectCoordinatorByAnOperatorDoesNotRaiseAnAdminsBudget() {
        UUID project = project();
        assertThat(api.put("/api/budgets/" + project, Map.of("budgetUsd", 5, "budgetTokens", 5000))
                        .status())
                .isEqualTo(200);

        // an operator's raise through project-coordinator, and one from before the role was carried: kept out
        publishProjectEvent(
                "project.budget-changed",
                project,
                Map.of("projectId", project, "budgetUsd", 50, "budgetTokens", 5000, "setByRole", "OPERATOR"));
        publishProjectEvent(
                "project.budget-changed", project, Map.of("projectId", project, "budgetUsd", 60, "budgetTokens", 5000));
        awaitHandled();
        assertThat(api.get("/api/budgets/" + project).json().get("budgetUsd").decimalValue())
                .isEqualByComparingTo("5");

        // an operator's lowering is applied, and stays the admin's budget: raising it back is still refused
        publishProjectEvent(
                "project.budget-changed",
                project,
                Map.of("projectId", project, "budgetUsd", 4, "budgetTokens", 5000, "setByRole", "OPERATOR"));
        publishProjectEvent(
                "project.budget-changed",
                project,
                Map.of("projectId", project, "budgetUsd", 5, "budgetTokens", 5000, "setByRole", "OPERATOR"));
        awaitHandled();
        assertThat(api.get("/api/budgets/" + project).json().get("budgetUsd").decimalValue())
                .isEqualByComparingTo("4");
        assertThat(jdbc.queryForObject("select set_by_role from budget where project_id = ?", String.class, project))
                .isEqualTo("ADMIN");

        // an admin's raise is applied
        publishProjectEvent(
                "project.budget-changed",
                project,
                Map.of("projectId", project, "budgetUsd", 8, "budgetTokens", 5000, "setByRole", "ADMIN"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(api.get("/api/budgets/" + project)
                        .json()
                        .get("budgetUsd")
                        .decimalValue())
                .isEqualByComparingTo("8"));
    }

    /** Publishes a marker after the events before it and waits until it is handled (one stream, in order). */
    private void awaitHandled() {
        UUID marker = UUID.randomUUID();
        publishProjectEvent(
                "project.created",
                marker,
                Map.of("projectId", marker, "name", "m", "goal", "g", "budgetTokens", 1, "requirePlanApproval", false));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/budgets/" + marker).status() == 200);
    }

    @Test
    void aNegativeBudgetIsRefusedAndAViewerMayNotSetOne() {
        UUID project = project();
        var negative = api.put("/api/budgets/" + project, Map.of("budgetUsd", -1));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("field").asString()).isEqualTo("budgetUsd");
        var negativeTokens = api.put("/api/budgets/" + project, Map.of("budgetTokens", -5));
        assertThat(negativeTokens.json().get("field").asString()).isEqualTo("budgetTokens");
        var viewer = api.send(
                "PUT",
                "/api/budgets/" + project,
                Map.of("budgetUsd", 1),
                TestTokens.token("v", tenant, "VIEWER"),
                Map.of());
        assertThat(viewer.status()).isEqualTo(403);
        var service = api.send(
                "PUT", "/api/budgets/" + project, Map.of("budgetUsd", 1), TestTokens.service(tenant), Map.of());
        assertThat(service.status()).isEqualTo(403);
        assertThat(api.get("/api/budgets/" + project).status()).isEqualTo(404);
    }

    @Test
    void aBudgetForAProjectThatIsNotTheCallersIs404AndNothingIsStored() {
        UUID theirs = UUID.randomUUID();
        PROJECTS.register(theirs, "another-" + tenant);
        UUID nobodys = UUID.randomUUID();

        for (UUID project : List.of(theirs, nobodys)) {
            var refused = api.put("/api/budgets/" + project, Map.of("budgetUsd", 1000));
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.json().get("type").asString()).isEqualTo("https://berrys.dev/problems/not-found");
            assertThat(jdbc.queryForObject("select count(*) from budget where project_id = ?", Long.class, project))
                    .isZero();
        }
        assertThat(api.put("/api/budgets/" + project(), Map.of("budgetUsd", 1)).status())
                .isEqualTo(200);
    }

    @Test
    void anOperatorCannotRaiseABudgetAnAdminSetButMayLowerIt() {
        UUID project = project();
        String operator = TestTokens.token("op", tenant, "OPERATOR");
        assertThat(api.put("/api/budgets/" + project, Map.of("budgetUsd", 5, "budgetTokens", 5000))
                        .status())
                .isEqualTo(200);

        for (Map<String, Object> raise : List.<Map<String, Object>>of(
                Map.of("budgetUsd", 10, "budgetTokens", 5000),
                Map.of("budgetUsd", 5, "budgetTokens", 6000),
                Map.of("budgetTokens", 5000))) {
            var refused = api.send("PUT", "/api/budgets/" + project, raise, operator, Map.of());
            assertThat(refused.status()).as("operator raising to %s", raise).isEqualTo(403);
            assertThat(refused.json().get("type").asString())
                    .isEqualTo("https://berrys.dev/problems/budget-set-by-admin");
        }
        assertThat(api.get("/api/budgets/" + project).json().get("budgetUsd").decimalValue())
                .isEqualByComparingTo("5");

        var lowered = api.send(
                "PUT", "/api/budgets/" + project, Map.of("budgetUsd", 2, "budgetTokens", 5000), operator, Map.of());
        assertThat(lowered.status()).isEqualTo(200);
        assertThat(api.send(
                                "PUT",
                                "/api/budgets/" + project,
                                Map.of("budgetUsd", 5, "budgetTokens", 5000),
                                operator,
                                Map.of())
                        .status())
                .as("lowered by an operator, it is still the admin's to raise")
                .isEqualTo(403);
        assertThat(api.put("/api/budgets/" + project, Map.of("budgetUsd", 50)).status())
                .isEqualTo(200);

        UUID operators = project();
        assertThat(api.send("PUT", "/api/budgets/" + operators, Map.of("budgetUsd", 1), operator, Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(api.send("PUT", "/api/budgets/" + operators, Map.of("budgetUsd", 3), operator, Map.of())
                        .status())
                .as("an operator's own budget")
                .isEqualTo(200);
    }

    @Test
    void theTenantsBudgetCoversEveryCallEvenOneNamingNoProject() {
        assertThat(callWithoutProject().status()).isEqualTo(200);
        var byOperator = api.send(
                "PUT",
                "/api/budgets/tenant",
                Map.of("budgetTokens", 1),
                TestTokens.token("op", tenant, "OPERATOR"),
                Map.of());
        assertThat(byOperator.status()).isEqualTo(403);
        assertThat(api.put("/api/budgets/tenant", Map.of("budgetTokens", 1)).status())
                .isEqualTo(200);

        var refused = callWithoutProject();
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.json().get("type").asString()).isEqualTo("https://berrys.dev/problems/budget-exceeded");
        assertThat(refused.json().get("scope").asString()).isEqualTo("tenant");
        assertThat(call(project(), null, null, "berrys-simulated").status())
                .as("a project without a budget of its own")
                .isEqualTo(402);

        assertThat(api.put("/api/budgets/tenant", Map.of("budgetTokens", 1_000_000))
                        .status())
                .isEqualTo(200);
        assertThat(callWithoutProject().status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        api.get("/api/budgets/tenant").json().get("spentTokens").asLong() > 0);
        assertThat(api.get("/api/budgets/tenant").json().get("reservedTokens").asLong())
                .isZero();
    }

    @Test
    void anApiKeysBudgetCoversEveryCallMadeWithItAndItsSpendIsShownToTheTenantsAdmin() {
        String clientId = "bk_" + UUID.randomUUID().toString().replace("-", "");
        String priced = pricedModel();
        var first = callWithKey(clientId, "100", priced);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/budgets/api-keys/" + clientId).status() == 200
                        && api.get("/api/budgets/api-keys/" + clientId)
                                        .json()
                                        .get("calls")
                                        .asLong()
                                == 1);
        JsonNode spend = api.get("/api/budgets/api-keys/" + clientId).json();
        assertThat(spend.get("budgetUsd").decimalValue()).isEqualByComparingTo("100");
        assertThat(spend.get("spentTokens").asLong()).isPositive();
        assertThat(spend.get("spentUsd").decimalValue()).isPositive();
        assertThat(spend.get("reservedUsd").decimalValue()).isZero();

        // the same key with a budget it has already spent: refused, nothing more spent
        String spent = spend.get("spentUsd").decimalValue().toPlainString();
        var refused = callWithKey(clientId, spent, priced);
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.json().get("type").asString()).isEqualTo("https://berrys.dev/problems/budget-exceeded");
        assertThat(refused.json().get("scope").asString()).isEqualTo("api-key");
        assertThat(refused.json().get("clientId").asString()).isEqualTo(clientId);
        assertThat(api.get("/api/budgets/api-keys/" + clientId)
                        .json()
                        .get("spentUsd")
                        .decimalValue())
                .isEqualByComparingTo(spent);
        assertThat(callWithKey("bk_" + UUID.randomUUID(), "0", priced).status())
                .as("a key whose budget is 0")
                .isEqualTo(402);
        assertThat(callWithoutProject().status()).as("a user, not the key").isEqualTo(200);

        // only the tenant's admin sees a key's spend
        assertThat(api.send(
                                "GET",
                                "/api/budgets/api-keys/" + clientId,
                                null,
                                TestTokens.token("op", tenant, "OPERATOR"),
                                Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(api.send(
                                "GET",
                                "/api/budgets/api-keys/" + clientId,
                                null,
                                TestTokens.token("admin", "other-" + tenant, "ADMIN"),
                                Map.of())
                        .status())
                .isEqualTo(404);
    }

    /** A call with the token the gateway issues for an API key with a budget: subject = client id, budgetUsd. */
    Api.Response callWithKey(String clientId, String budgetUsd, String model) {
        String token = TestTokens.signed(new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .subject(clientId)
                .issuer("berrys")
                .issueTime(new java.util.Date())
                .expirationTime(java.util.Date.from(Instant.now().plusSeconds(600)))
                .claim("roles", List.of("OPERATOR"))
                .claim("tenant", tenant)
                .claim("budgetUsd", budgetUsd)
                .build());
        return api.send(
                "POST",
                "/v1/chat/completions",
                Map.of(
                        "model",
                        model,
                        "messages",
                        List.of(Map.of("role", "user", "content", "Task: Research tea\n\n" + CONTEXT))),
                token,
                Map.of(BerrysHeaders.PURPOSE, "task"));
    }

    Api.Response callWithoutProject() {
        return api.post(
                "/v1/chat/completions",
                Map.of(
                        "model",
                        "berrys-simulated",
                        "messages",
                        List.of(Map.of("role", "user", "content", "Task: Research tea\n\n" + CONTEXT))),
                Map.of(BerrysHeaders.PURPOSE, "task"));
    }

    /**
     * A model of a real provider (the fake upstream) with a price, in this test's tenant: the simulated models
     * cost nothing, so spending in USD needs one.
     */
    String pricedModel() {
        var provider = api.post(
                "/api/providers",
                Map.of(
                        "name", "priced",
                        "type", "OPENAI_COMPATIBLE",
                        "baseUrl", UPSTREAM.baseUrl(),
                        "apiKey", "sk-priced"));
        assertThat(provider.status()).as(provider.body()).isEqualTo(201);
        var model = api.post(
                "/api/models",
                Map.of(
                        "providerId",
                        provider.json().get("id").asString(),
                        "name",
                        "priced-gpt",
                        "capabilities",
                        List.of("chat"),
                        "inputPricePerMillion",
                        2.5,
                        "outputPricePerMillion",
                        10));
        assertThat(model.status()).as(model.body()).isEqualTo(201);
        return "priced-gpt";
    }

    /** A project of this test's tenant, as project-coordinator would know it. */
    UUID project() {
        UUID id = UUID.randomUUID();
        PROJECTS.register(id, tenant);
        return id;
    }

    Api.Response call(UUID project, UUID agent, UUID task, String model) {
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put(BerrysHeaders.PROJECT_ID, project.toString());
        headers.put(BerrysHeaders.PURPOSE, "task");
        if (agent != null) {
            headers.put(BerrysHeaders.AGENT_ID, agent.toString());
        }
        if (task != null) {
            headers.put(BerrysHeaders.TASK_ID, task.toString());
        }
        var response = api.post(
                "/v1/chat/completions",
                Map.of(
                        "model",
                        model,
                        "messages",
                        List.of(Map.of(
                                "role",
                                "user",
                                "content",
                                "Task: Research the history of tea in some detail\n\n" + CONTEXT))),
                headers);
        if (response.status() == 200) {
            // a successful call is accounted right after its answer has been sent
            String id = response.header("X-Berrys-Call-Id");
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            jdbc.queryForObject("select count(*) from model_call where id = ?::uuid", Long.class, id)
                                    == 1);
        }
        return response;
    }

    List<JsonNode> events(String type, UUID subject) {
        return jdbc
                .queryForList(
                        "select envelope from outbox_event where type = ? and envelope like ?",
                        String.class,
                        type,
                        "%" + subject + "%")
                .stream()
                .map(Api.JSON::readTree)
                .toList();
    }

    void publishProjectEvent(String type, UUID subject, Map<String, Object> data) {
        new TestEvents(redis, props, Api.JSON).publish("berrys.project", type, subject, data, tenant);
    }
}
