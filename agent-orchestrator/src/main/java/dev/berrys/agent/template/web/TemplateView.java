package dev.berrys.agent.template.web;

import dev.berrys.agent.template.TemplateAdministration.StoredTemplate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An agent template as the API shows it. */
record TemplateView(
        UUID id,
        String name,
        String role,
        String description,
        String systemPrompt,
        List<String> tools,
        String model,
        int maxSteps,
        boolean builtIn,
        Instant createdAt) {

    static TemplateView of(StoredTemplate t) {
        var s = t.spec();
        return new TemplateView(
                s.id(),
                s.name(),
                s.role(),
                s.description(),
                s.systemPrompt(),
                s.tools(),
                s.model(),
                s.maxSteps(),
                t.builtIn(),
                t.createdAt());
    }
}
