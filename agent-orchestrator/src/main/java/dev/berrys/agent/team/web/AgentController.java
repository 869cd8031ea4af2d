package dev.berrys.agent.team.web;

import dev.berrys.agent.team.AgentDirectory;
import dev.berrys.agent.team.AgentInfo;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/agents")
class AgentController {
    private final AgentDirectory agents;

    AgentController(AgentDirectory agents) {
        this.agents = agents;
    }

    @GetMapping
    PageResponse<AgentView> list(
            @RequestParam(required = false) @Nullable UUID projectId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        String tenant = Tenants.require();
        var found = agents.list(tenant, projectId, PageRequests.of(page, size, Sort.by("createdAt", "role")));
        var activities = agents.activities(
                tenant, found.getContent().stream().map(AgentInfo::id).toList());
        return PageResponse.of(found, a -> AgentView.of(a, activities.getOrDefault(a.id(), AgentDirectory.idle())));
    }

    @GetMapping("/{id}")
    AgentView get(@PathVariable UUID id) {
        String tenant = Tenants.require();
        AgentInfo agent = agents.get(tenant, id);
        var activity = agents.activities(tenant, List.of(id)).getOrDefault(id, AgentDirectory.idle());
        return AgentView.of(agent, activity);
    }
}
