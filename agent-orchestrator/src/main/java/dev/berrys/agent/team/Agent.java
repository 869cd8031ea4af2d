package dev.berrys.agent.team;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An agent of a project's team: one per role, made from the role's template. */
@Entity
@Table(name = "agent")
class Agent {
    @Id
    private UUID id;

    private String tenant;

    @Column(name = "project_id")
    private UUID projectId;

    @Column(name = "plan_id")
    private @Nullable UUID planId;

    @Column(name = "template_id")
    private UUID templateId;

    private String role;
    private String name;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Agent() {}

    AgentInfo info() {
        return new AgentInfo(id, tenant, projectId, templateId, role, name, createdAt);
    }

    UUID id() {
        return id;
    }
}
