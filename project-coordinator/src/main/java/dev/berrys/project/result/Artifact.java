package dev.berrys.project.result;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** What one task of the plan produced, kept whole as part of the project's result. */
@Entity
@Table(name = "artifact")
class Artifact {
    @Id
    private UUID id;

    private String tenant;
    private UUID projectId;
    private UUID planId;
    private UUID taskId;
    private String title;
    private String role;
    private String content;
    private int position;
    private Instant createdAt;

    @SuppressWarnings("NullAway.Init")
    protected Artifact() {}

    Artifact(
            String tenant,
            UUID projectId,
            UUID planId,
            UUID taskId,
            String title,
            String role,
            String content,
            int position) {
        this.id = UUID.randomUUID();
        this.tenant = tenant;
        this.projectId = projectId;
        this.planId = planId;
        this.taskId = taskId;
        this.title = title;
        this.role = role;
        this.content = content;
        this.position = position;
        this.createdAt = Instant.now();
    }

    ArtifactView view() {
        return new ArtifactView(id, projectId, planId, taskId, title, role, content, createdAt);
    }

    String title() {
        return title;
    }

    String role() {
        return role;
    }

    String content() {
        return content;
    }
}
