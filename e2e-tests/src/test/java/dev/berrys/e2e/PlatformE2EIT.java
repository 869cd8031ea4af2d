package dev.berrys.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The foundation as a new user meets it: authentication at the gateway, one schema per service. */
@ExtendWith(Stack.class)
class PlatformE2EIT {
    static final Map<String, String> SCHEMAS = Map.of(
            "gateway", "api-gateway",
            "project", "project-coordinator",
            "planning", "planning-system",
            "agent", "agent-orchestrator",
            "model", "model-orchestration",
            "tool", "tool-integration",
            "workflow", "service-integration");

    @Test
    void projectsNeedATokenAndATokenFromTheTokenEndpointOpensThem() {
        var anonymous = Api.anonymous().get("/api/projects");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.raw().headers().firstValue("content-type").orElse(""))
                .contains("problem+json");

        var forged = Api.anonymous()
                .withToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
                .get("/api/projects");
        assertThat(forged.status()).isEqualTo(401);

        var wrongPassword =
                Api.anonymous().post("/api/auth/token", Map.of("username", "admin", "password", "wrong-password"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).doesNotContain(Stack.adminPassword());

        var admin = Api.admin();
        assertThat(admin.get("/api/projects").status()).isEqualTo(200);
        var jwks = Api.anonymous().get("/.well-known/jwks.json");
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.json().path("keys").size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void everyServiceIsHealthyAndExposesOnlyHealthInfoPrometheusAndApiDocs() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        for (String service : Stack.SERVICES) {
            String base = "http://127.0.0.1:" + Stack.port(service);
            for (String path :
                    List.of("/actuator/health/liveness", "/actuator/health/readiness", "/actuator/prometheus")) {
                var r = http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(service + path).isEqualTo(200);
            }
            var env = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/actuator/env"))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(env.statusCode()).as(service + " /actuator/env").isIn(401, 403, 404);
            if (!service.equals("web-dashboard")) {
                var docs = http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v3/api-docs"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(docs.statusCode()).as(service + " /v3/api-docs").isEqualTo(200);
            }
        }
    }

    @Test
    void eachSchemaHoldsOnlyItsOwnServicesTables() throws Exception {
        Map<String, List<String>> tables = new HashMap<>();
        try (var c = DriverManager.getConnection(Stack.jdbcUrl(Stack.DB), "postgres", "");
                var rs = c.createStatement()
                        .executeQuery("select table_schema, table_name from information_schema.tables"
                                + " where table_schema not in ('pg_catalog', 'information_schema')")) {
            while (rs.next()) {
                tables.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        assertThat(tables.keySet()).as("schemas holding tables").isSubsetOf(SCHEMAS.keySet());
        assertThat(tables.keySet())
                .containsAll(Set.of("gateway", "project", "planning", "agent", "model", "tool", "workflow"));
        // a table name belongs to one schema only, but for the starter's outbox/inbox and Flyway's history
        Set<String> shared = Set.of("outbox_event", "inbox_event", "flyway_schema_history");
        Map<String, String> owner = new HashMap<>();
        tables.forEach((schema, names) -> names.stream()
                .filter(n -> !shared.contains(n))
                .forEach(n -> {
                    assertThat(owner.putIfAbsent(n, schema))
                            .as("table %s in %s and %s", n, schema, owner.get(n))
                            .isNull();
                }));
        assertThat(tables.get("workflow")).contains("workflow", "workflow_step");
    }
}
