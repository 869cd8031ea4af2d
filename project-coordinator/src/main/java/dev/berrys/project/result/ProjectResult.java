package dev.berrys.project.result;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A project's aggregated result: the synthesis of its task outputs, and where making it stands. */
@Entity
@Table(name = "project_result")
class ProjectResult {
    @Id
    private UUID projectId;

    private String tenant;
    private UUID planId;

    @Enumerated(EnumType.STRING)
    private ResultStatus status;

    private @Nullable String summary;
    private @Nullable String model;
    private boolean simulated;
    private int attempts;
    private @Nullable String lastError;
    private @Nullable Instant leaseUntil;
    private Instant createdAt;
    private @Nullable Instant completedAt;

    @SuppressWarnings("NullAway.Init")
    protected ProjectResult() {}

    ProjectResult(String tenant, UUID projectId, UUID planId) {
        this.projectId = projectId;
        this.tenant = tenant;
        this.planId = planId;
        this.status = ResultStatus.PENDING;
        this.createdAt = Instant.now();
    }

    void complete(String summary, String model, boolean simulated) {
        this.status = ResultStatus.COMPLETED;
        this.summary = summary;
        this.model = model;
        this.simulated = simulated;
        this.lastError = null;
        this.leaseUntil = null;
        this.completedAt = Instant.now();
    }

    void end(ResultStatus outcome, String error) {
        this.status = outcome;
        this.lastError = error;
        this.leaseUntil = null;
    }

    UUID planId() {
        return planId;
    }

    ResultStatus status() {
        return status;
    }

    @Nullable
    String summary() {
        return summary;
    }

    @Nullable
    String model() {
        return model;
    }

    boolean simulated() {
        return simulated;
    }

    @Nullable
    Instant completedAt() {
        return completedAt;
    }
}
