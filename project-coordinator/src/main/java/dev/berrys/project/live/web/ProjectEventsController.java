package dev.berrys.project.live.web;

import dev.berrys.project.live.LiveEvents;
import dev.berrys.project.project.ProjectQueries;
import dev.berrys.starter.security.Tenants;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class ProjectEventsController {
    private final LiveEvents live;
    private final ProjectQueries projects;

    ProjectEventsController(LiveEvents live, ProjectQueries projects) {
        this.live = live;
        this.projects = projects;
    }

    /**
     * The project's events as Server-Sent Events ({@code event: <type>}, {@code id: <event id>},
     * {@code data: <CloudEvent JSON>}), opening with a {@code snapshot} of the project; closed when the
     * token expires (reconnect with a fresh one), and a 429 past the open streams allowed per user or tenant.
     */
    @GetMapping("/api/projects/{id}/events")
    SseEmitter events(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        String tenant = Tenants.require();
        return live.subscribe(tenant, token.getSubject(), token.getExpiresAt(), projects.get(tenant, id));
    }
}
