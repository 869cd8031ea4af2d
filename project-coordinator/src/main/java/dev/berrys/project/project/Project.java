package dev.berrys.project.project;

import static dev.berrys.project.project.ProjectStatus.AWAITING_APPROVAL;
import static dev.berrys.project.project.ProjectStatus.CANCELLED;
import static dev.berrys.project.project.ProjectStatus.COMPLETED;
import static dev.berrys.project.project.ProjectStatus.DRAFT;
import static dev.berrys.project.project.ProjectStatus.FAILED;
import static dev.berrys.project.project.ProjectStatus.PAUSED;
import static dev.berrys.project.project.ProjectStatus.PLANNING;
import static dev.berrys.project.project.ProjectStatus.RUNNING;

import dev.berrys.starter.web.ProblemException;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A goal and its way through the platform. Commands from the API ({@link #start}, {@link #pause},
 * {@link #resume}, {@link #cancel}) refuse an illegal move with a 409; FAILED is final unless resumed. Facts reported by other services
 * ({@link #planCreated}, {@link #runRequested}, ...) never fail: a fact that no longer applies (the
 * project was cancelled meanwhile) changes nothing, and the method says whether it changed the status.
 */
@Entity
@Table(name = "project")
class Project {
    @Id
    private UUID id;

    private String tenant;
    private String name;
    private String goal;

    @Enumerated(EnumType.STRING)
    private ProjectStatus status;

    private @Nullable String statusReason;

    @Enumerated(EnumType.STRING)
    private @Nullable ProjectStatus resumeTo;

    private @Nullable BigDecimal budgetUsd;
    private @Nullable Long budgetTokens;
    private boolean requirePlanApproval;
    private @Nullable UUID planId;
    private @Nullable Integer planVersion;
    private int tasksDone;
    private int tasksTotal;
    private BigDecimal costUsd;
    private long tokensUsed;
    private long simulatedCalls;
    private Instant createdAt;
    private Instant updatedAt;
    private @Nullable Instant startedAt;
    private @Nullable Instant completedAt;

    @SuppressWarnings("NullAway.Init")
    protected Project() {}

    Project(
            String tenant,
            String name,
            String goal,
            @Nullable BigDecimal budgetUsd,
            @Nullable Long budgetTokens,
            boolean requirePlanApproval) {
        this.id = UUID.randomUUID();
        this.tenant = tenant;
        this.name = name;
        this.goal = goal;
        this.status = DRAFT;
        this.budgetUsd = budgetUsd;
        this.budgetTokens = budgetTokens;
        this.requirePlanApproval = requirePlanApproval;
        this.costUsd = BigDecimal.ZERO;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    // --- commands (the API) -------------------------------------------------------------------------

    void start() {
        require(status == DRAFT, "be started only from DRAFT");
        startedAt = Instant.now();
        moveTo(PLANNING, null);
    }

    void pause(String reason) {
        require(ProjectStatus.PAUSABLE.contains(status), "be paused only while PLANNING, RUNNING or AWAITING_APPROVAL");
        resumeTo = status;
        moveTo(PAUSED, reason);
    }

    /**
     * Back to the status the pause interrupted. Also allowed after a budget pause: the budget may have been
     * raised at model-orchestration directly, and a call still over it only pauses the project again. A
     * FAILED project goes back to work too ({@link #reopen}): what failed runs again.
     */
    void resume() {
        require(status == PAUSED || status == FAILED, "be resumed only while PAUSED or FAILED");
        if (status == FAILED) {
            reopen();
            return;
        }
        moveTo(resumeTo == null ? PLANNING : resumeTo, null);
        resumeTo = null;
    }

    void cancel(String reason) {
        require(!status.isFinal(), "not be cancelled: it is already finished");
        resumeTo = null;
        completedAt = Instant.now();
        moveTo(CANCELLED, reason);
    }

    /**
     * Sets the limits given (null leaves a limit as it is). Returns true where this resumed a project
     * that was paused for its budget because a limit was raised.
     */
    boolean changeBudget(@Nullable BigDecimal usd, @Nullable Long tokens) {
        require(!status.isFinal(), "not have its budget changed: it is finished");
        boolean raised = (usd != null && (budgetUsd == null || usd.compareTo(budgetUsd) > 0))
                || (tokens != null && (budgetTokens == null || tokens > budgetTokens));
        if (usd != null) {
            budgetUsd = usd;
        }
        if (tokens != null) {
            budgetTokens = tokens;
        }
        touch();
        if (raised && status == PAUSED && StatusReasons.BUDGET_EXCEEDED.equals(statusReason)) {
            moveTo(resumeTo == null ? PLANNING : resumeTo, null);
            resumeTo = null;
            return true;
        }
        return false;
    }

    /** Approving or rejecting the plan sends the project back to planning (the workflow decides what runs). */
    void approvalDecided() {
        require(!status.isFinal(), "not have its plan decided: it is finished");
        if (status == AWAITING_APPROVAL) {
            moveTo(PLANNING, null);
        } else if (status == PAUSED && resumeTo == AWAITING_APPROVAL) {
            resumeTo = PLANNING;
            touch();
        }
    }

    // --- facts (events of other services) --------------------------------------------------------

    void planCreated(UUID plan, int version, int total) {
        if (status.isFinal()) {
            return;
        }
        planId = plan;
        planVersion = version;
        tasksTotal = total;
        tasksDone = 0;
        touch();
    }

    boolean runRequested(UUID plan) {
        if (status.isFinal()) {
            return false;
        }
        planId = plan;
        if (status == PAUSED) {
            resumeTo = RUNNING;
            touch();
            return false;
        }
        if (status == RUNNING) {
            return false;
        }
        moveTo(RUNNING, null);
        return true;
    }

    /** True where an approval should be opened (the project is not finished). */
    boolean awaitApproval() {
        if (status.isFinal()) {
            return false;
        }
        if (status == PAUSED) {
            resumeTo = AWAITING_APPROVAL;
            touch();
        } else {
            moveTo(AWAITING_APPROVAL, null);
        }
        return true;
    }

    void taskCompleted(UUID plan, int done, int total) {
        if (status.isFinal() || (planId != null && !planId.equals(plan))) {
            return;
        }
        tasksTotal = total;
        tasksDone = Math.max(tasksDone, Math.min(done, total));
        touch();
    }

    boolean pauseForBudget() {
        if (!ProjectStatus.PAUSABLE.contains(status)) {
            return false;
        }
        resumeTo = status;
        moveTo(PAUSED, StatusReasons.BUDGET_EXCEEDED);
        return true;
    }

    boolean complete() {
        if (status.isFinal()) {
            return false;
        }
        tasksDone = tasksTotal;
        resumeTo = null;
        completedAt = Instant.now();
        moveTo(COMPLETED, null);
        return true;
    }

    /**
     * A FAILED project goes back to work: RUNNING where it has a plan (its failed tasks run again), else
     * PLANNING. Returns whether it was FAILED: a reopened plan of a project resumed meanwhile changes nothing.
     */
    boolean reopen() {
        if (status != FAILED) {
            return false;
        }
        completedAt = null;
        moveTo(planId == null ? PLANNING : RUNNING, null);
        return true;
    }

    boolean fail(String reason) {
        if (status.isFinal()) {
            return false;
        }
        resumeTo = null;
        completedAt = Instant.now();
        moveTo(FAILED, reason);
        return true;
    }

    /**
     * Spend is a fact even after the end (the synthesis call is accounted after completion); so is a call the
     * simulated model answered, which the result owns up to.
     */
    void recordUsage(BigDecimal cost, long tokens, boolean simulated) {
        costUsd = costUsd.add(cost);
        tokensUsed += tokens;
        if (simulated) {
            simulatedCalls++;
        }
        touch();
    }

    // ---------------------------------------------------------------------------------------------------

    private void require(boolean legal, String what) {
        if (!legal) {
            throw new ProblemException.Conflict(
                    "illegal-transition", "Project " + id + " is " + status + "; it can " + what + ".");
        }
    }

    private void moveTo(ProjectStatus next, @Nullable String reason) {
        status = next;
        statusReason = reason;
        touch();
    }

    private void touch() {
        updatedAt = Instant.now();
    }

    ProjectView view() {
        return new ProjectView(
                id,
                name,
                goal,
                status,
                statusReason,
                ProjectView.plain(budgetUsd),
                budgetTokens,
                requirePlanApproval,
                createdAt,
                updatedAt,
                startedAt,
                completedAt,
                new ProjectView.Progress(tasksDone, tasksTotal),
                planId,
                planVersion,
                ProjectView.plain(costUsd),
                tokensUsed,
                simulatedCalls);
    }

    UUID id() {
        return id;
    }

    String tenant() {
        return tenant;
    }

    String name() {
        return name;
    }

    String goal() {
        return goal;
    }

    ProjectStatus status() {
        return status;
    }

    @Nullable
    String statusReason() {
        return statusReason;
    }

    @Nullable
    BigDecimal budgetUsd() {
        return budgetUsd;
    }

    @Nullable
    Long budgetTokens() {
        return budgetTokens;
    }

    boolean requirePlanApproval() {
        return requirePlanApproval;
    }

    @Nullable
    UUID planId() {
        return planId;
    }
}
