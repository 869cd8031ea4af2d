package dev.berrys.integration.workflow;

import dev.berrys.contracts.events.AgentRef;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Convert;
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
 * (late, duplicated, for a superseded plan) moves nothing. Every step but AWAITING_APPROVAL has a deadline
 * ({@link StepDeadlines}), EXECUTING none while an agent's question to a person is open; a FAILED workflow is
 * reopened when its project is resumed.
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

    @Convert(converter = JsonColumns.Team.class)
    private @Nullable List<AgentRef> team;

    private @Nullable String outcome;
    private Instant createdAt;
    private Instant updatedAt;
    private @Nullable Instant completedAt;

    @Enumerated(EnumType.STRING)
    private @Nullable Step failedStep;

    @Convert(converter = JsonColumns.Roles.class)
    private @Nullable List<String> roles;

    private @Nullable Instant stepDeadline;
    private int stepAttempts;
    private @Nullable String stalledReason;
    private int openQuestions;

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

    /**
     * Also while the team of an older version is being assembled: a plan asked for again (its step's
     * deadline passed) may come as a newer version, which then replaces the older one.
     */
    boolean planCreated(UUID planId, int version, List<String> roles, String eventType) {
        if (status != Status.RUNNING
                || (step != Step.PLANNING && step != Step.ASSEMBLING_TEAM)
                || version <= planVersion) {
            return false;
        }
        this.planId = planId;
        this.planVersion = version;
        this.roles = List.copyOf(roles);
        moveTo(Step.ASSEMBLING_TEAM, eventType, "plan v" + version + " created; team requested");
        return true;
    }

    /** @return the next step: AWAITING_APPROVAL or EXECUTING, or null where the event does not fit */
    @Nullable
    Step teamAssembled(UUID planId, List<AgentRef> team, String eventType) {
        if (status != Status.RUNNING || step != Step.ASSEMBLING_TEAM || !planId.equals(this.planId)) {
            return null;
        }
        this.team = List.copyOf(team);
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
        this.failedStep = outcomeStatus == Status.FAILED ? step : null;
        this.status = outcomeStatus;
        this.outcome = outcome;
        this.completedAt = Instant.now();
        moveTo(Step.FINISHED, eventType, outcome);
        return true;
    }

    /**
     * The project of a FAILED workflow was resumed: it goes on at EXECUTING where it had a plan running
     * (planning-system reruns what failed), else it plans again. Null where it was not FAILED.
     */
    @Nullable
    Step reopen(String eventType) {
        if (status != Status.FAILED) {
            return null;
        }
        Step next = failedStep == Step.EXECUTING && team != null ? Step.EXECUTING : Step.PLANNING;
        status = Status.RUNNING;
        outcome = null;
        completedAt = null;
        failedStep = null;
        moveTo(
                next,
                eventType,
                "project resumed after its failure; "
                        + (next == Step.EXECUTING ? "failed tasks run again" : "new plan requested"));
        return next;
    }

    /** News of the plan's progress: the EXECUTING step waits afresh. */
    void progressed() {
        if (status == Status.RUNNING && step == Step.EXECUTING) {
            stepDeadline = null;
            stepAttempts = 0;
            stalledReason = null;
        }
    }

    /**
     * An agent asked a person a question: the step waits for a person, without a deadline (as
     * AWAITING_APPROVAL does) until every open question is answered.
     */
    void questionAsked(String eventType) {
        if (status != Status.RUNNING) {
            return;
        }
        openQuestions++;
        stepDeadline = null;
        stepAttempts = 0;
        stalledReason = null;
        record(eventType, "an agent asked a person; no deadline while questions are open (" + openQuestions + ")");
    }

    /** A question was answered: the step's deadline starts again once none is open. */
    void questionAnswered(String eventType) {
        if (status != Status.RUNNING) {
            return;
        }
        openQuestions = Math.max(0, openQuestions - 1);
        progressed();
        record(eventType, "a person answered an agent's question (" + openQuestions + " open)");
    }

    /** Sets the current step's deadline where it has none (entered, or progressed) and no person is asked. */
    void scheduleDeadline(StepDeadlines deadlines, Instant now) {
        if (status == Status.RUNNING && stepDeadline == null && stalledReason == null && openQuestions == 0) {
            stepDeadline = deadlines.of(step, now);
        }
    }

    /**
     * The step's deadline passed: true where its command is to be sent again (with a new deadline), false
     * where it was retried enough and the workflow is now shown as stalled with the reason.
     */
    boolean deadlinePassed(StepDeadlines deadlines, Instant now) {
        if (stepAttempts < deadlines.stepRetries()) {
            stepAttempts++;
            stepDeadline = deadlines.of(step, now);
            record(
                    "deadline",
                    "no answer to step " + step + " in time; command sent again (retry " + stepAttempts + " of "
                            + deadlines.stepRetries() + ")");
            return true;
        }
        stepDeadline = null;
        stalledReason = "Step " + step + " got no answer after " + stepAttempts
                + " retries; the workflow is stalled until an event moves it.";
        record("stalled", stalledReason);
        return false;
    }

    void note(String eventType, String detail) {
        record(eventType, detail);
        updatedAt = Instant.now();
    }

    private void moveTo(Step next, String eventType, String detail) {
        this.step = next;
        this.updatedAt = Instant.now();
        this.stepDeadline = null;
        this.stepAttempts = 0;
        this.stalledReason = null;
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

    List<AgentRef> team() {
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

    @Nullable
    List<String> roles() {
        return roles;
    }

    @Nullable
    Instant stepDeadline() {
        return stepDeadline;
    }

    int stepAttempts() {
        return stepAttempts;
    }

    @Nullable
    String stalledReason() {
        return stalledReason;
    }

    List<WorkflowStep> steps() {
        return steps;
    }
}
