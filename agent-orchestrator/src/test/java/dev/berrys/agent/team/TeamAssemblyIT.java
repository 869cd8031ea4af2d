package dev.berrys.agent.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.agent.support.AgentIntegrationTest;
import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.WorkflowEvents.TeamRequested;
import dev.berrys.starter.test.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

class TeamAssemblyIT extends AgentIntegrationTest {
    static final UUID COORDINATOR_TEMPLATE = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final UUID RESEARCHER_TEMPLATE = UUID.fromString("00000000-0000-4000-8000-000000000002");

    @Test
    void aTeamRequestCreatesOneAgentPerRoleFromItsTemplateAndPublishesTheTeam() {
        UUID project = UUID.randomUUID();
        UUID plan = UUID.randomUUID();
        publish(
                Streams.WORKFLOW,
                EventTypes.TEAM_REQUESTED,
                new TeamRequested(
                        UUID.randomUUID(), project, plan, List.of("researcher", "writer", "Auditor", "writer")));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !published(EventTypes.TEAM_ASSEMBLED, project).isEmpty());
        JsonNode assembled = published(EventTypes.TEAM_ASSEMBLED, project).getFirst();
        assertThat(assembled.path("projectId").asString()).isEqualTo(project.toString());
        assertThat(assembled.path("planId").asString()).isEqualTo(plan.toString());
        Map<String, JsonNode> byRole = byRole(assembled.path("agents"));
        assertThat(byRole).containsOnlyKeys("researcher", "writer", "auditor");
        assertThat(byRole.get("researcher").path("name").asString()).isEqualTo("Researcher-1");
        assertThat(byRole.get("auditor").path("name").asString()).isEqualTo("Auditor-1");

        JsonNode page = admin().get()
                .uri("/api/agents?projectId={p}", project)
                .retrieve()
                .body(JsonNode.class);
        assertThat(page.path("totalElements").asLong()).isEqualTo(3);
        Map<String, JsonNode> agents = byRole(page.path("content"));
        JsonNode researcher = agents.get("researcher");
        assertThat(researcher.path("id").asString())
                .isEqualTo(byRole.get("researcher").path("agentId").asString());
        assertThat(researcher.path("templateId").asString()).isEqualTo(RESEARCHER_TEMPLATE.toString());
        assertThat(researcher.path("status").asString()).isEqualTo("IDLE");
        assertThat(researcher.path("currentTaskId").isNull()).isTrue();
        assertThat(researcher.path("projectId").asString()).isEqualTo(project.toString());
        assertThat(researcher.path("createdAt").asString()).isNotBlank();
        // a role without a template of its own gets the coordinator's
        assertThat(agents.get("auditor").path("templateId").asString()).isEqualTo(COORDINATOR_TEMPLATE.toString());

        JsonNode one = admin().get()
                .uri("/api/agents/{id}", researcher.path("id").asString())
                .retrieve()
                .body(JsonNode.class);
        assertThat(one.path("name").asString()).isEqualTo("Researcher-1");
    }

    @Test
    void aRepeatedRequestKeepsTheAgentsItAlreadyHasAndAddsNewRoles() {
        UUID project = UUID.randomUUID();
        publish(
                Streams.WORKFLOW,
                EventTypes.TEAM_REQUESTED,
                new TeamRequested(UUID.randomUUID(), project, UUID.randomUUID(), List.of("researcher", "writer")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> published(EventTypes.TEAM_ASSEMBLED, project).size() == 1);
        String researcher = byRole(
                        published(EventTypes.TEAM_ASSEMBLED, project).getFirst().path("agents"))
                .get("researcher")
                .path("agentId")
                .asString();

        UUID plan2 = UUID.randomUUID();
        publish(
                Streams.WORKFLOW,
                EventTypes.TEAM_REQUESTED,
                new TeamRequested(UUID.randomUUID(), project, plan2, List.of("researcher", "reviewer")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> published(EventTypes.TEAM_ASSEMBLED, project).size() == 2);

        JsonNode second = published(EventTypes.TEAM_ASSEMBLED, project).get(1);
        assertThat(second.path("planId").asString()).isEqualTo(plan2.toString());
        Map<String, JsonNode> team = byRole(second.path("agents"));
        assertThat(team).containsOnlyKeys("researcher", "reviewer");
        assertThat(team.get("researcher").path("agentId").asString()).isEqualTo(researcher);
        assertThat(jdbc.queryForObject("select count(*) from agent where project_id = ?", Long.class, project))
                .isEqualTo(3);
        assertThat(jdbc.queryForObject(
                        "select count(*) from agent where project_id = ? and role = 'researcher'", Long.class, project))
                .isEqualTo(1);
    }

    @Test
    void anotherTenantSeesNoneOfTheAgents() {
        UUID project = UUID.randomUUID();
        publish(
                Streams.WORKFLOW,
                EventTypes.TEAM_REQUESTED,
                new TeamRequested(UUID.randomUUID(), project, UUID.randomUUID(), List.of("developer")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !published(EventTypes.TEAM_ASSEMBLED, project).isEmpty());
        String agentId = published(EventTypes.TEAM_ASSEMBLED, project)
                .getFirst()
                .path("agents")
                .path(0)
                .path("agentId")
                .asString();

        var other = api(TestTokens.token("eve", "other-tenant", "ADMIN"));
        JsonNode page =
                other.get().uri("/api/agents?projectId={p}", project).retrieve().body(JsonNode.class);
        assertThat(page.path("totalElements").asLong()).isZero();
        assertThat(other.get()
                        .uri("/api/agents/{id}", agentId)
                        .retrieve()
                        .toEntity(JsonNode.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(other.get()
                        .uri("/api/agents/{id}/memory", agentId)
                        .retrieve()
                        .toEntity(JsonNode.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static Map<String, JsonNode> byRole(JsonNode agents) {
        return agents.valueStream().collect(Collectors.toMap(a -> a.path("role").asString(), a -> a));
    }
}
