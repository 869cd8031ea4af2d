package dev.berrys.project.approval;

import dev.berrys.starter.web.ProblemException;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A person's decision on a plan version before it runs; decided once. */
@Entity
@Table(name = "approval")
class Approval {
    @Id
    private UUID id;

    private String tenant;
    private UUID projectId;
    private UUID planId;
    private int planVersion;
    private @Nullable UUID workflowId;
    private @Nullable String summary;

    @Enumerated(EnumType.STRING)
    private ApprovalStatus status;

    private @Nullable String comment;
    private Instant createdAt;
    private @Nullable Instant decidedAt;
    private @Nullable String decidedBy;

    @SuppressWarnings("NullAway.Init")
    protected Approval() {}

    Approval(
            String tenant,
            UUID projectId,
            UUID planId,
            int planVersion,
            @Nullable UUID workflowId,
            @Nullable String summary) {
        this.id = UUID.randomUUID();
        this.tenant = tenant;
        this.projectId = projectId;
        this.planId = planId;
        this.planVersion = planVersion;
        this.workflowId = workflowId;
        this.summary = summary;
        this.status = ApprovalStatus.PENDING;
        this.createdAt = Instant.now();
    }

    void approve(String by, @Nullable String comment) {
        decide(ApprovalStatus.APPROVED, by, comment);
    }

    void reject(String by, String comment) {
        decide(ApprovalStatus.REJECTED, by, comment);
    }

    private void decide(ApprovalStatus decision, String by, @Nullable String comment) {
        if (status != ApprovalStatus.PENDING) {
            throw new ProblemException.Conflict(
                    "approval-decided", "Approval " + id + " was already decided: " + status + ".");
        }
        this.status = decision;
        this.decidedBy = by;
        this.comment = comment;
        this.decidedAt = Instant.now();
    }

    ApprovalView view() {
        return new ApprovalView(
                id, projectId, planId, planVersion, status, summary, comment, createdAt, decidedAt, decidedBy);
    }

    UUID id() {
        return id;
    }

    String tenant() {
        return tenant;
    }

    UUID projectId() {
        return projectId;
    }

    UUID planId() {
        return planId;
    }

    int planVersion() {
        return planVersion;
    }

    @Nullable
    String comment() {
        return comment;
    }
}
