package dev.berrys.agent.template;

import dev.berrys.starter.web.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Lists and adds templates; a tenant's template of a role replaces the built-in one for that tenant. */
@Service
public class TemplateAdministration {
    private final AgentTemplates templates;

    TemplateAdministration(AgentTemplates templates) {
        this.templates = templates;
    }

    /** A template as stored: its settings, whether it is built in, and when it was added. */
    public record StoredTemplate(TemplateSpec spec, boolean builtIn, Instant createdAt) {}

    /** A template to add; its values are validated by the caller. */
    public record NewTemplate(
            String name,
            String role,
            String description,
            String systemPrompt,
            List<String> tools,
            String model,
            int maxSteps) {}

    @Transactional(readOnly = true)
    public Page<StoredTemplate> list(String tenant, Pageable page) {
        return templates.visibleTo(tenant, page).map(TemplateAdministration::stored);
    }

    @Transactional(readOnly = true)
    public StoredTemplate get(String tenant, UUID id) {
        return templates
                .findVisible(tenant, id)
                .map(TemplateAdministration::stored)
                .orElseThrow(() -> new ProblemException.NotFound("agent template", id));
    }

    /** Adds a template for {@code tenant}; 409 when the tenant already has one for that role. */
    @Transactional
    public StoredTemplate create(String tenant, NewTemplate t) {
        if (templates.tenantHasRole(tenant, t.role())) {
            throw new ProblemException.Conflict(
                    "template-exists", "This tenant already has a template for role '" + t.role() + "'.");
        }
        var template = new AgentTemplate(
                tenant, t.name(), t.role(), t.description(), t.systemPrompt(), t.tools(), t.model(), t.maxSteps());
        return stored(templates.saveAndFlush(template));
    }

    private static StoredTemplate stored(AgentTemplate t) {
        return new StoredTemplate(t.spec(), t.builtIn(), t.createdAt());
    }
}
