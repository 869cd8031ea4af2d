package dev.berrys.tool.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.starter.test.TestTokens;
import dev.berrys.tool.support.Api;
import dev.berrys.tool.support.ToolIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@ToolIntegrationTest
class WorkspaceIT {
    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    UUID projectId;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        projectId = UUID.randomUUID();
    }

    private Api.Response run(String tool, Map<String, Object> arguments) {
        return api.post(
                "/api/tools/" + tool + "/execute",
                TestTokens.service("default"),
                Map.of("arguments", arguments, "projectId", projectId));
    }

    @Test
    void writesReadsAndVersionsArtifactsPerProject() {
        var first = run("workspace_write", Map.of("name", "reports/summary.md", "content", "# Draft"));
        assertThat(first.body().path("status").asString()).as(first.toString()).isEqualTo("SUCCEEDED");
        assertThat(first.body().at("/result/version").asInt()).isEqualTo(1);
        var second = run("workspace_write", Map.of("name", "reports/summary.md", "content", "# Final"));
        assertThat(second.body().at("/result/version").asInt()).isEqualTo(2);
        run("workspace_write", Map.of("name", "notes.txt", "content", "n"));

        var read = run("workspace_read", Map.of("name", "reports/summary.md"));
        assertThat(read.body().at("/result/content").asString()).isEqualTo("# Final");
        assertThat(read.body().at("/result/version").asInt()).isEqualTo(2);

        var list = run("workspace_list", Map.of());
        assertThat(list.body().at("/result/files").findValuesAsString("name"))
                .containsExactly("notes.txt", "reports/summary.md");

        var files = api.get("/api/workspaces/" + projectId + "/files", TestTokens.viewer());
        assertThat(files.status()).isEqualTo(200);
        assertThat(files.names()).containsExactly("notes.txt", "reports/summary.md");
        assertThat(files.body().at("/content/1/version").asInt()).isEqualTo(2);

        var file = api.get("/api/workspaces/" + projectId + "/files/reports/summary.md", TestTokens.viewer());
        assertThat(file.status()).as(file.toString()).isEqualTo(200);
        assertThat(file.body().path("content").asString()).isEqualTo("# Final");
        var v1 = api.get("/api/workspaces/" + projectId + "/files/reports/summary.md?version=1", TestTokens.viewer());
        assertThat(v1.body().path("content").asString()).isEqualTo("# Draft");

        // another project and another tenant see nothing of it
        assertThat(api.get("/api/workspaces/" + UUID.randomUUID() + "/files/notes.txt", TestTokens.viewer())
                        .status())
                .isEqualTo(404);
        assertThat(api.get(
                                "/api/workspaces/" + projectId + "/files/notes.txt",
                                TestTokens.token("x", "other-tenant", "VIEWER"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aNameWithDotDotIsRefusedNamingTheFieldAndNothingIsStored() {
        var result = run("workspace_write", Map.of("name", "../etc/passwd", "content", "x"));
        assertThat(result.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(result.body().path("error").asString()).contains("name");
        var sneaky = run("workspace_write", Map.of("name", "a/..b", "content", "x"));
        assertThat(sneaky.body().path("status").asString()).isEqualTo("FAILED");
        var badChars = run("workspace_write", Map.of("name", "a b", "content", "x"));
        assertThat(badChars.body().path("error").asString()).contains("name");
        assertThat(jdbc.queryForObject(
                        "select count(*) from workspace_file where project_id = ?", Long.class, projectId))
                .isZero();

        var byApi = api.get("/api/workspaces/" + projectId + "/files/a..b", TestTokens.viewer());
        assertThat(byApi.status()).isEqualTo(400);
        assertThat(byApi.body().path("field").asString()).isEqualTo("name");
    }

    @Test
    void contentOverOneMegabyteIsRefused() {
        var result = run("workspace_write", Map.of("name", "big.txt", "content", "x".repeat(1024 * 1024 + 1)));
        assertThat(result.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(result.body().path("error").asString()).contains("content");
        assertThat(jdbc.queryForObject(
                        "select count(*) from workspace_file where project_id = ?", Long.class, projectId))
                .isZero();
    }

    @Test
    void theWorkspaceToolsNeedAProject() {
        var result = api.post(
                "/api/tools/workspace_list/execute", TestTokens.service("default"), Map.of("arguments", Map.of()));
        assertThat(result.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(result.body().path("error").asString()).contains("projectId");
        var missingFile = run("workspace_read", Map.of("name", "nothing.txt"));
        assertThat(missingFile.body().path("error").asString()).contains("No file named 'nothing.txt'");
    }
}
