package dev.berrys.agent.template.web;

import dev.berrys.agent.template.TemplateAdministration;
import dev.berrys.contracts.security.Role;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import dev.berrys.starter.web.ProblemException;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/agent-templates")
class AgentTemplateController {
    private static final Set<String> MAY_CREATE = Set.of(Role.ADMIN.authority(), Role.OPERATOR.authority());

    private final TemplateAdministration templates;

    AgentTemplateController(TemplateAdministration templates) {
        this.templates = templates;
    }

    @GetMapping
    PageResponse<TemplateView> list(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        var request = PageRequests.of(page, size, Sort.by("role", "createdAt"));
        return PageResponse.of(templates.list(Tenants.require(), request), TemplateView::of);
    }

    @GetMapping("/{id}")
    TemplateView get(@PathVariable UUID id) {
        return TemplateView.of(templates.get(Tenants.require(), id));
    }

    /** Adds a template for the caller's tenant; only an ADMIN or OPERATOR may (a service may not). */
    @PostMapping
    ResponseEntity<TemplateView> create(@Valid @RequestBody CreateTemplateRequest request, Authentication caller) {
        boolean allowed = caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(MAY_CREATE::contains);
        if (!allowed) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN, "forbidden", "Only an ADMIN or OPERATOR may add templates.", Map.of());
        }
        var created = TemplateView.of(templates.create(Tenants.require(), request.toNewTemplate()));
        return ResponseEntity.created(URI.create("/api/agent-templates/" + created.id()))
                .body(created);
    }
}
