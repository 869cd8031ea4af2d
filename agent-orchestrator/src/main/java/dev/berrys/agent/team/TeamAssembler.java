package dev.berrys.agent.team;

import dev.berrys.agent.template.TemplateCatalog;
import dev.berrys.agent.template.TemplateSpec;
import dev.berrys.contracts.events.AgentEvents.TeamAssembled;
import dev.berrys.contracts.events.AgentRef;
import dev.berrys.contracts.events.WorkflowEvents.TeamRequested;
import dev.berrys.starter.events.EventMetadata;
import dev.berrys.starter.events.EventPublisher;
import dev.berrys.starter.events.OnEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Assembles a project's team on {@code team.requested}: one agent per role, made from the role's template
 * (the coordinator's for an unknown role). A role that already has its agent keeps it, so a repeated
 * request (a new plan version) answers with the same agents plus any new role's.
 */
@Component
class TeamAssembler {
    private final JdbcTemplate jdbc;
    private final Agents agents;
    private final TemplateCatalog templates;
    private final EventPublisher events;

    TeamAssembler(JdbcTemplate jdbc, Agents agents, TemplateCatalog templates, EventPublisher events) {
        this.jdbc = jdbc;
        this.agents = agents;
        this.templates = templates;
        this.events = events;
    }

    @OnEvent
    void on(TeamRequested request, EventMetadata event) {
        String tenant = event.tenant();
        List<String> roles = request.roles().stream()
                .filter(r -> r != null && !r.isBlank())
                .map(r -> r.strip().toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
        Timestamp now = Timestamp.from(Instant.now());
        for (String role : roles) {
            TemplateSpec template = templates.forRole(tenant, role);
            // the unique (project_id, role) makes a repeated or concurrent request a no-op, not an error
            jdbc.update(
                    """
                    insert into agent (id, tenant, project_id, plan_id, template_id, role, name, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (project_id, role) do nothing""",
                    UUID.randomUUID(),
                    tenant,
                    request.projectId(),
                    request.planId(),
                    template.id(),
                    role,
                    displayName(role) + "-1",
                    now);
        }
        List<AgentRef> team = agents.findByTenantAndProjectIdAndRoleIn(tenant, request.projectId(), roles).stream()
                .map(Agent::info)
                .sorted(Comparator.comparing(AgentInfo::role))
                .map(a -> new AgentRef(a.id(), a.role(), a.name()))
                .toList();
        events.publish(request.projectId(), new TeamAssembled(request.projectId(), request.planId(), team), tenant);
    }

    static String displayName(String role) {
        StringBuilder name = new StringBuilder();
        for (String part : role.split("[-_ ]+")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.isEmpty() ? "Agent" : name.toString();
    }
}
