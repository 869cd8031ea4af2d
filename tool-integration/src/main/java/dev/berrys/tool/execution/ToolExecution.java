package dev.berrys.tool.execution;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Persistable;

/** The record of one tool execution: who asked, with which (redacted) arguments, and how it went. */
@Entity
@Table(name = "tool_execution")
class ToolExecution implements Persistable<UUID> {
    @Id
    private UUID id;

    private String tenant;

    @Column(name = "project_id")
    private @Nullable UUID projectId;

    @Column(name = "task_id")
    private @Nullable UUID taskId;

    @Column(name = "execution_id")
    private @Nullable UUID executionId;

    private String tool;

    /** The arguments as JSON, secrets redacted and long texts shortened. */
    private String arguments;

    private String status;

    @Column(name = "result_summary")
    private @Nullable String resultSummary;

    private @Nullable String error;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "duration_ms")
    private long durationMs;

    /** The replica that ran the tool ({@code InstanceId}). */
    @Column(name = "handled_by")
    private @Nullable String handledBy;

    /** Always inserted, never merged: spares a select before each insert. */
    @Transient
    private boolean fresh = true;

    protected ToolExecution() {}

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

    ToolExecution(
            UUID id,
            String tenant,
            @Nullable UUID projectId,
            @Nullable UUID taskId,
            @Nullable UUID executionId,
            String tool,
            String arguments,
            String status,
            @Nullable String resultSummary,
            @Nullable String error,
            Instant startedAt,
            long durationMs,
            String handledBy) {
        this.id = id;
        this.tenant = tenant;
        this.projectId = projectId;
        this.taskId = taskId;
        this.executionId = executionId;
        this.tool = tool;
        this.arguments = arguments;
        this.status = status;
        this.resultSummary = resultSummary;
        this.error = error;
        this.startedAt = startedAt;
        this.durationMs = durationMs;
        this.handledBy = handledBy;
    }

    ExecutionView view() {
        return new ExecutionView(
                id,
                projectId,
                taskId,
                executionId,
                tool,
                arguments,
                status,
                resultSummary,
                error,
                startedAt,
                durationMs,
                handledBy);
    }
}
