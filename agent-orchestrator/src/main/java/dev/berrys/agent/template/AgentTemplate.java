package dev.berrys.agent.template;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A role an agent can play: its prompt, the tools it may use, the model it asks for and its step limit. */
@Entity
@Table(name = "agent_template")
class AgentTemplate {
    @Id
    private UUID id;

    /** Null for the built-in templates every tenant sees. */
    private @Nullable String tenant;

    private String name;
    private String role;
    private String description;

    @Column(name = "system_prompt")
    private String systemPrompt;

    private String[] tools;
    private String model;

    @Column(name = "max_steps")
    private int maxSteps;

    @Column(name = "created_at")
    private Instant createdAt;

    protected AgentTemplate() {}

    AgentTemplate(
            String tenant,
            String name,
            String role,
            String description,
            String systemPrompt,
            List<String> tools,
            String model,
            int maxSteps) {
        this.id = UUID.randomUUID();
        this.tenant = tenant;
        this.name = name;
        this.role = role;
        this.description = description;
        this.systemPrompt = systemPrompt;
        this.tools = tools.toArray(String[]::new);
        this.model = model;
        this.maxSteps = maxSteps;
        this.createdAt = Instant.now();
    }

    TemplateSpec spec() {
        return new TemplateSpec(id, name, role, description, systemPrompt, List.of(tools), model, maxSteps);
    }

    boolean builtIn() {
        return tenant == null;
    }

    Instant createdAt() {
        return createdAt;
    }

    String role() {
        return role;
    }
}
