package dev.berrys.agent.memory.web;

import dev.berrys.agent.memory.ProjectMemory;
import dev.berrys.agent.memory.ProjectMemory.Note;
import dev.berrys.agent.team.AgentDirectory;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The project memory: as an agent of the project sees it, or for a project. */
@RestController
class MemoryController {
    private final ProjectMemory memory;
    private final AgentDirectory agents;

    MemoryController(ProjectMemory memory, AgentDirectory agents) {
        this.memory = memory;
        this.agents = agents;
    }

    @GetMapping("/api/agents/{id}/memory")
    PageResponse<Note> ofAgent(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        String tenant = Tenants.require();
        UUID projectId = agents.get(tenant, id).projectId();
        return ofProject(projectId, page, size);
    }

    @GetMapping("/api/memory")
    PageResponse<Note> ofProject(
            @RequestParam UUID projectId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        var request = PageRequests.of(page, size, Sort.by("createdAt"));
        return PageResponse.of(memory.page(Tenants.require(), projectId, request), n -> n);
    }
}
