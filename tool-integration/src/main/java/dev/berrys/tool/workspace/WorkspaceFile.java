package dev.berrys.tool.workspace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/** One version of a named artifact in a project's workspace; an overwrite adds the next version. */
@Entity
@Table(name = "workspace_file")
class WorkspaceFile implements Persistable<UUID> {
    @Id
    private UUID id;

    private String tenant;

    @Column(name = "project_id")
    private UUID projectId;

    private String name;
    private int version;
    private String content;

    @Column(name = "size_bytes")
    private int sizeBytes;

    @Column(name = "created_at")
    private Instant createdAt;

    /** Always inserted, never merged: spares a select before each insert. */
    @Transient
    private boolean fresh = true;

    protected WorkspaceFile() {}

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostLoad
    @PostPersist
    void stored() {
        fresh = false;
    }

    WorkspaceFile(String tenant, UUID projectId, String name, int version, String content, int sizeBytes) {
        this.id = UUID.randomUUID();
        this.tenant = tenant;
        this.projectId = projectId;
        this.name = name;
        this.version = version;
        this.content = content;
        this.sizeBytes = sizeBytes;
        this.createdAt = Instant.now();
    }

    UUID projectId() {
        return projectId;
    }

    String name() {
        return name;
    }

    int version() {
        return version;
    }

    String content() {
        return content;
    }

    int sizeBytes() {
        return sizeBytes;
    }

    Instant createdAt() {
        return createdAt;
    }
}
