package dev.berrys.workflow.workflow;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A project's {@code project-execution} workflow: which step it is at, and every step it went through.
 * Each transition method says whether the event moved it; an event that does not fit the current step
 * (late, duplicated, for a superseded plan) moves nothing.
 */
@Entity
@Table(name = "workflow")
class Workflow {
    static final String TYPE = "project-execution";

    enum Status {
        RUNNING,
        COMPLETED,
        FAILED,
        CANCELLED
    }

    enum Step {
        PLANNING,
        ASSEMBLING_TEAM,
        AWAITING_APPROVAL,
        EXECUTING,
        FINISHED
    }

    @Id
    private UUID id;

    private String tenant;
    private UUID projectId;
    private String type;

    @Enumerated(EnumType.STRING)
    private Status status;

    @Enumerated(EnumType.STRING)
    private Step step;

    private String goal;
    private boolean requirePlanApproval;
    private @Nullable UUID planId;
    private int planVersion;
    private @Nullable String team;
    private @Nullable String outcome;
    private Instant createdAt;
    private Instant updatedAt;
    private @Nullable Instant completedAt;

    @Version
    private long version;

    @OneToMany(mappedBy = "workflow", cascade = CascadeType.ALL, fetch = FetchType.LAZY)
    @OrderBy("id")
    private List<WorkflowStep> steps = new ArrayList<>();

    protected Workflow() {}

    static Workflow start(String tenant, UUID projectId, String goal, boolean requirePlanApproval, String eventType) {
        var w = new Workflow();
        w.id = UUID.randomUUID();
        w.tenant = tenant;
        w.projectId = projectId;
        w.type = TYPE;
        w.status = Status.RUNNING;
        w.step = Step.PLANNING;
        w.goal = goal;
        w.requirePlanApproval = requirePlanApproval;
        w.createdAt = Instant.now();
        w.updatedAt = w.createdAt;
        w.record(eventType, "plan requested");
        return w;
    }

    boolean planCreated(UUID planId, int version, String eventType) {
        if (status != Status.RUNNING || step != Step.PLANNING || version <= planVersion) {
            return false;
        }
        this.planId = planId;
        this.planVersion = version;
        moveTo(Step.ASSEMBLING_TEAM, eventType, "plan v" + version + " created; team requested");
        return true;
    }

    /** @return the next step: AWAITING_APPROVAL or EXECUTING, or null where the event does not fit */
    @Nullable
    Step teamAssembled(UUID planId, String teamJson, String eventType) {
        if (status != Status.RUNNING || step != Step.ASSEMBLING_TEAM || !planId.equals(this.planId)) {
            return null;
        }
        this.team = teamJson;
        if (requirePlanApproval) {
            moveTo(Step.AWAITING_APPROVAL, eventType, "team assembled; waiting for plan approval");
        } else {
            moveTo(Step.EXECUTING, eventType, "team assembled; plan running");
        }
        return step;
    }

    boolean approvalGranted(UUID planId, String eventType) {
        if (status != Status.RUNNING || step != Step.AWAITING_APPROVAL || !planId.equals(this.planId)) {
            return false;
        }
        moveTo(Step.EXECUTING, eventType, "plan approved; plan running");
        return true;
    }

    boolean approvalRejected(UUID planId, String comment, String eventType) {
        if (status != Status.RUNNING || step != Step.AWAITING_APPROVAL || !planId.equals(this.planId)) {
            return false;
        }
        moveTo(Step.PLANNING, eventType, "plan rejected: " + comment + "; new plan requested");
        return true;
    }

    boolean finish(Status outcomeStatus, String outcome, String eventType) {
        if (status != Status.RUNNING) {
            return false;
        }
        this.status = outcomeStatus;
        this.outcome = outcome;
        this.completedAt = Instant.now();
        moveTo(Step.FINISHED, eventType, outcome);
        return true;
    }

    void note(String eventType, String detail) {
        record(eventType, detail);
        updatedAt = Instant.now();
    }

    private void moveTo(Step next, String eventType, String detail) {
        this.step = next;
        this.updatedAt = Instant.now();
        record(eventType, detail);
    }

    private void record(String eventType, String detail) {
        steps.add(new WorkflowStep(this, step.name(), eventType, detail));
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

    String type() {
        return type;
    }

    Status status() {
        return status;
    }

    Step step() {
        return step;
    }

    String goal() {
        return goal;
    }

    boolean requirePlanApproval() {
        return requirePlanApproval;
    }

    @Nullable
    UUID planId() {
        return planId;
    }

    int planVersion() {
        return planVersion;
    }

    String team() {
        return Objects.requireNonNull(team, "team not assembled yet");
    }

    @Nullable
    String outcome() {
        return outcome;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    @Nullable
    Instant completedAt() {
        return completedAt;
    }

    List<WorkflowStep> steps() {
        return steps;
    }
}
