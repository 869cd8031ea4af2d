package dev.berrys.planning.planner;

import dev.berrys.starter.web.ProblemException;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A request to plan a goal, written by the event handler. The model conversation runs after commit;
 * {@code lockedUntil} is the lease of the worker doing it, so that a request whose worker died is taken
 * over when the lease runs out.
 */
@Entity
@Table(name = "plan_request")
class PlanRequest {
    @Id
    private UUID id;

    private UUID eventId;
    private String tenant;
    private UUID workflowId;
    private UUID projectId;
    private String goal;
    private @Nullable String feedback;
    private @Nullable UUID previousPlanId;

    @Enumerated(EnumType.STRING)
    private PlanRequestStatus status;

    private int runs;
    private @Nullable Instant lockedUntil;
    private @Nullable UUID planId;
    private @Nullable String reason;
    private Instant createdAt;
    private @Nullable Instant finishedAt;

    @SuppressWarnings("NullAway.Init")
    protected PlanRequest() {}

    PlanRequest(
            UUID eventId,
            String tenant,
            UUID workflowId,
            UUID projectId,
            String goal,
            @Nullable String feedback,
            @Nullable UUID previousPlanId) {
        this.id = UUID.randomUUID();
        this.eventId = eventId;
        this.tenant = tenant;
        this.workflowId = workflowId;
        this.projectId = projectId;
        this.goal = goal;
        this.feedback = feedback;
        this.previousPlanId = previousPlanId;
        this.status = PlanRequestStatus.PENDING;
        this.createdAt = Instant.now();
    }

    void planned(UUID plan, Instant now) {
        finish(PlanRequestStatus.DONE, null, now);
        planId = plan;
    }

    void failed(String why, Instant now) {
        finish(PlanRequestStatus.FAILED, why, now);
    }

    void cancelled(Instant now) {
        finish(PlanRequestStatus.CANCELLED, "project cancelled", now);
    }

    private void finish(PlanRequestStatus to, @Nullable String why, Instant now) {
        if (status != PlanRequestStatus.PENDING) {
            throw new ProblemException.Conflict(
                    "illegal-plan-request-transition", "Plan request " + id + " is already " + status + ".");
        }
        status = to;
        reason = why;
        finishedAt = now;
        lockedUntil = null;
    }

    boolean isPending() {
        return status == PlanRequestStatus.PENDING;
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

    String goal() {
        return goal;
    }

    @Nullable
    String feedback() {
        return feedback;
    }

    @Nullable
    UUID previousPlanId() {
        return previousPlanId;
    }

    PlanRequestStatus status() {
        return status;
    }

    int runs() {
        return runs;
    }
}
