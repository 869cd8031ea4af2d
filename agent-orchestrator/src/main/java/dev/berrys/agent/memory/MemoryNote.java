package dev.berrys.agent.memory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** What one completed execution leaves in its project's memory: a short note. */
@Entity
@Table(name = "memory_note")
class MemoryNote {
    @Id
    private UUID id;

    private String tenant;

    @Column(name = "project_id")
    private UUID projectId;

    @Column(name = "execution_id")
    private UUID executionId;

    @Column(name = "task_id")
    private UUID taskId;

    @Column(name = "agent_id")
    private UUID agentId;

    private String role;
    private String title;
    private String note;

    @Column(name = "created_at")
    private Instant createdAt;

    protected MemoryNote() {}

    MemoryNote(
            String tenant,
            UUID projectId,
            UUID executionId,
            UUID taskId,
            UUID agentId,
            String role,
            String title,
            String note) {
        this.id = UUID.randomUUID();
        this.tenant = tenant;
        this.projectId = projectId;
        this.executionId = executionId;
        this.taskId = taskId;
        this.agentId = agentId;
        this.role = role;
        this.title = title;
        this.note = note;
        this.createdAt = Instant.now();
    }

    ProjectMemory.Note view() {
        return new ProjectMemory.Note(id, projectId, taskId, executionId, agentId, role, title, note, createdAt);
    }
}
