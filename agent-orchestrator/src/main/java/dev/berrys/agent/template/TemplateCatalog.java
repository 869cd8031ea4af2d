package dev.berrys.agent.template;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Finds the template for a role: the tenant's own, else the built-in one, else the coordinator's. */
@Service
public class TemplateCatalog {
    /** The role whose template serves every role without one. */
    public static final String FALLBACK_ROLE = "coordinator";

    private final AgentTemplates templates;

    TemplateCatalog(AgentTemplates templates) {
        this.templates = templates;
    }

    /** The template an agent of {@code role} is made from, for {@code tenant}. */
    @Transactional(readOnly = true)
    public TemplateSpec forRole(String tenant, String role) {
        return pick(tenant, role)
                .or(() -> pick(tenant, FALLBACK_ROLE))
                .orElseThrow(() -> new IllegalStateException("no template for role " + role + " nor the fallback"));
    }

    /** Templates by id (of any tenant: the ids come from this service's own rows). */
    @Transactional(readOnly = true)
    public Map<UUID, TemplateSpec> byIds(Collection<UUID> ids) {
        return templates.findByIds(ids).stream()
                .map(AgentTemplate::spec)
                .collect(Collectors.toMap(TemplateSpec::id, Function.identity()));
    }

    private Optional<TemplateSpec> pick(String tenant, String role) {
        List<AgentTemplate> found = templates.forRole(tenant, role);
        // the tenant's own template wins over the built-in one
        return found.stream().min(Comparator.comparing(AgentTemplate::builtIn)).map(AgentTemplate::spec);
    }
}
