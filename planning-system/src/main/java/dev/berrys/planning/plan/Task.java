package dev.berrys.planning.plan;

import dev.berrys.starter.web.ProblemException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;
import org.jspecify.annotations.Nullable;

/**
 * A task of a plan. Its status moves PENDING → READY → ASSIGNED → RUNNING → COMPLETED, back to READY
 * for a retry, or to FAILED / CANCELLED; a person may retry a FAILED or CANCELLED one (back to READY) or
 * skip one that is not running (SKIPPED); each move is guarded here. {@code attempts} counts assignments,
 * so an execution's attempt number tells whether its news is current; it never goes back, and
 * {@code attemptBase} marks where a person's retry gave the task a fresh allowance.
 */
@Entity
@Table(name = "task")
class Task {
    @Id
    private UUID id;

    private UUID planId;
    private String tenant;
    private UUID projectId;
    private int position;

    @Column(name = "task_key")
    private String key;

    private String title;
    private String description;
    private String role;

    @Enumerated(EnumType.STRING)
    private TaskStatus status;

    private @Nullable Integer criticalPosition;
    private int dependants;
    private int attempts;
    private int attemptBase;
    private @Nullable Instant progressAt;
    private @Nullable UUID agentId;
    private @Nullable UUID executionId;
    private @Nullable Instant startedAt;
    private @Nullable Instant completedAt;
    private @Nullable String output;
    private @Nullable String lastError;

    @Column(name = "waiting_reason")
    private @Nullable String waitingReason;

    private @Nullable Instant waitingSince;

    private @Nullable Instant nextAttemptAt;

    @ElementCollection
    @CollectionTable(name = "task_dependency", joinColumns = @JoinColumn(name = "task_id"))
    @Column(name = "depends_on_id")
    @BatchSize(size = 256)
    private Set<UUID> dependsOn = new LinkedHashSet<>();

    @SuppressWarnings("NullAway.Init")
    protected Task() {}

    Task(
            UUID id,
            Plan plan,
            int position,
            String key,
            String title,
            String description,
            String role,
            Collection<UUID> dependsOn,
            int dependants,
            @Nullable Integer criticalPosition) {
        this.id = id;
        this.planId = plan.id();
        this.tenant = plan.tenant();
        this.projectId = plan.projectId();
        this.position = position;
        this.key = key;
        this.title = title;
        this.description = description;
        this.role = role;
        this.status = TaskStatus.PENDING;
        this.dependsOn.addAll(dependsOn);
        this.dependants = dependants;
        this.criticalPosition = criticalPosition;
    }

    void ready() {
        require(status == TaskStatus.PENDING, "ready");
        status = TaskStatus.READY;
    }

    /** A new attempt on {@code agent}; the attempt number is the new {@link #attempts()}. */
    void assign(UUID agent, Instant now) {
        require(status == TaskStatus.READY, "assign");
        status = TaskStatus.ASSIGNED;
        agentId = agent;
        attempts++;
        nextAttemptAt = null;
        executionId = null;
        progressAt = now;
    }

    /** Its assignment was published again: nothing was heard of it for too long. */
    void announced(Instant now) {
        require(isInFlight(), "be announced again");
        progressAt = now;
    }

    /** A person (or a resumed project) runs it again, with a fresh allowance of attempts. */
    void retry() {
        require(status == TaskStatus.FAILED || status == TaskStatus.CANCELLED, "be retried");
        status = TaskStatus.READY;
        attemptBase = attempts;
        nextAttemptAt = null;
        completedAt = null;
    }

    /** Back to PENDING after the plan's failure cancelled it: it is done again once its dependencies are. */
    void reopen() {
        require(status == TaskStatus.CANCELLED, "be reopened");
        status = TaskStatus.PENDING;
        completedAt = null;
    }

    /** A person skips it; dependants get {@link #output()} saying so, and why. */
    void skip(String reason, Instant now) {
        require(
                status == TaskStatus.PENDING
                        || status == TaskStatus.READY
                        || status == TaskStatus.FAILED
                        || status == TaskStatus.CANCELLED,
                "be skipped");
        status = TaskStatus.SKIPPED;
        output = "[skipped] This task was skipped by a person and produced nothing. Reason: " + reason;
        completedAt = now;
        nextAttemptAt = null;
    }

    /** Attempts made since the last retry by a person, the first one included. */
    int attemptsSinceRetry() {
        return attempts - attemptBase;
    }

    void start(UUID execution, UUID agent, Instant now) {
        require(status == TaskStatus.ASSIGNED, "start");
        status = TaskStatus.RUNNING;
        executionId = execution;
        agentId = agent;
        startedAt = now;
        progressAt = now;
    }

    void complete(String result, Instant now) {
        require(isInFlight(), "complete");
        status = TaskStatus.COMPLETED;
        output = result;
        completedAt = now;
        if (startedAt == null) {
            // its execution.started was not recorded first (a redelivery can reorder them)
            startedAt = now;
        }
        lastError = null;
    }

    /** Back to READY, to be assigned again from {@code notBefore} on. */
    void retryAt(Instant notBefore, String error) {
        require(isInFlight(), "retry");
        status = TaskStatus.READY;
        nextAttemptAt = notBefore;
        lastError = error;
    }

    void fail(String error, Instant now) {
        require(isInFlight(), "fail");
        status = TaskStatus.FAILED;
        lastError = error;
        completedAt = now;
    }

    void cancel(Instant now) {
        require(!status.isFinal(), "cancel");
        status = TaskStatus.CANCELLED;
        completedAt = now;
        nextAttemptAt = null;
    }

    /** Whether news of execution attempt {@code attempt} concerns this task as it is now. */
    boolean isCurrent(int attempt) {
        return !status.isFinal() && attempt == attempts;
    }

    boolean isInFlight() {
        return status == TaskStatus.ASSIGNED || status == TaskStatus.RUNNING;
    }

    boolean isDue(Instant now) {
        return status == TaskStatus.READY && (nextAttemptAt == null || !nextAttemptAt.isAfter(now));
    }

    private void require(boolean allowed, String move) {
        if (!allowed) {
            throw new ProblemException.Conflict(
                    "illegal-task-transition", "Task " + id + " cannot " + move + " while " + status + ".");
        }
    }

    public UUID id() {
        return id;
    }

    public UUID planId() {
        return planId;
    }

    public String tenant() {
        return tenant;
    }

    public UUID projectId() {
        return projectId;
    }

    public int position() {
        return position;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public String role() {
        return role;
    }

    public TaskStatus status() {
        return status;
    }

    public @Nullable Integer criticalPosition() {
        return criticalPosition;
    }

    /** How many tasks of the plan depend on this one. */
    public int dependants() {
        return dependants;
    }

    public int attempts() {
        return attempts;
    }

    public @Nullable UUID agentId() {
        return agentId;
    }

    public @Nullable UUID executionId() {
        return executionId;
    }

    public @Nullable Instant startedAt() {
        return startedAt;
    }

    public @Nullable Instant completedAt() {
        return completedAt;
    }

    public @Nullable String output() {
        return output;
    }

    /** Its execution waits for an unavailable dependency; this uses up no attempt. */
    void waiting(String reason, @Nullable Instant since) {
        require(isInFlight(), "wait");
        this.waitingReason = "waiting: " + reason;
        this.waitingSince = since == null ? Instant.now() : since;
    }

    void stopWaiting() {
        this.waitingReason = null;
        this.waitingSince = null;
    }

    /** Since when the task's execution waits, while it is in flight. */
    public @Nullable Instant waitingSince() {
        return isInFlight() && waitingReason != null ? waitingSince : null;
    }

    /** Why the task's execution waits, while it is in flight. */
    public @Nullable String waitingReason() {
        return isInFlight() ? waitingReason : null;
    }

    public @Nullable String lastError() {
        return lastError;
    }

    public @Nullable Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    /** When it last moved or had its assignment published, while ASSIGNED or RUNNING. */
    public @Nullable Instant progressAt() {
        return progressAt;
    }

    public Set<UUID> dependsOn() {
        return Set.copyOf(dependsOn);
    }
}
