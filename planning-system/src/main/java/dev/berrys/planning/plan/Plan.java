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
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One version of a project's plan. Its tasks are rows of their own ({@link Task}, loaded per plan when
 * needed); the plan keeps the role → agent map of its team and counts completed tasks, so that a task's
 * completion does not need to load the others. Only a RUNNING plan assigns tasks.
 */
@Entity
@Table(name = "plan")
class Plan {
    @Id
    private UUID id;

    private String tenant;
    private UUID projectId;
    private int version;
    private String goal;
    private @Nullable String feedback;

    @Enumerated(EnumType.STRING)
    private PlanStatus status;

    private @Nullable String statusReason;
    private int taskCount;
    private int completedTasks;
    private Instant createdAt;
    private @Nullable Instant startedAt;
    private @Nullable Instant finishedAt;

    @ElementCollection
    @CollectionTable(name = "plan_agent", joinColumns = @JoinColumn(name = "plan_id"))
    @MapKeyColumn(name = "role")
    @Column(name = "agent_id")
    private Map<String, UUID> agents = new HashMap<>();

    @SuppressWarnings("NullAway.Init")
    protected Plan() {}

    Plan(
            UUID id,
            String tenant,
            UUID projectId,
            int version,
            String goal,
            @Nullable String feedback,
            int taskCount,
            Instant now) {
        this.id = id;
        this.tenant = tenant;
        this.projectId = projectId;
        this.version = version;
        this.goal = goal;
        this.feedback = feedback;
        this.status = PlanStatus.CREATED;
        this.taskCount = taskCount;
        this.createdAt = now;
    }

    /** Runs with this team; PAUSED instead of RUNNING when the project is paused. */
    void start(Map<String, UUID> team, boolean paused, Instant now) {
        require(status == PlanStatus.CREATED, "start");
        agents.clear();
        agents.putAll(team);
        status = paused ? PlanStatus.PAUSED : PlanStatus.RUNNING;
        startedAt = now;
    }

    void pause() {
        require(status == PlanStatus.RUNNING, "pause");
        status = PlanStatus.PAUSED;
    }

    void resume() {
        require(status == PlanStatus.PAUSED, "resume");
        status = PlanStatus.RUNNING;
    }

    /** Counts a completed task; the plan completes with its last task. */
    void taskCompleted(Instant now) {
        require(status == PlanStatus.RUNNING || status == PlanStatus.PAUSED, "record a completed task");
        completedTasks++;
        if (completedTasks >= taskCount) {
            status = PlanStatus.COMPLETED;
            finishedAt = now;
        }
    }

    void fail(String reason, Instant now) {
        require(!status.isFinal(), "fail");
        status = PlanStatus.FAILED;
        statusReason = reason;
        finishedAt = now;
    }

    void cancel(String reason, Instant now) {
        require(!status.isFinal(), "cancel");
        status = PlanStatus.CANCELLED;
        statusReason = reason;
        finishedAt = now;
    }

    /** A FAILED plan runs again (its failed tasks are retried); it keeps its completed tasks and team. */
    void reopen() {
        require(status == PlanStatus.FAILED, "be reopened");
        status = PlanStatus.RUNNING;
        statusReason = null;
        finishedAt = null;
    }

    /** A newer version replaced this one before it ran. */
    void supersede(Instant now) {
        require(status == PlanStatus.CREATED, "be superseded");
        status = PlanStatus.SUPERSEDED;
        finishedAt = now;
    }

    boolean assigns() {
        return status == PlanStatus.RUNNING;
    }

    Optional<UUID> agentFor(String role) {
        return Optional.ofNullable(agents.get(role));
    }

    private void require(boolean allowed, String move) {
        if (!allowed) {
            throw new ProblemException.Conflict(
                    "illegal-plan-transition", "Plan " + id + " cannot " + move + " while " + status + ".");
        }
    }

    public UUID id() {
        return id;
    }

    public String tenant() {
        return tenant;
    }

    public UUID projectId() {
        return projectId;
    }

    public int version() {
        return version;
    }

    public String goal() {
        return goal;
    }

    public @Nullable String feedback() {
        return feedback;
    }

    public PlanStatus status() {
        return status;
    }

    public @Nullable String statusReason() {
        return statusReason;
    }

    public int taskCount() {
        return taskCount;
    }

    public int completedTasks() {
        return completedTasks;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public @Nullable Instant startedAt() {
        return startedAt;
    }

    public @Nullable Instant finishedAt() {
        return finishedAt;
    }

    public Map<String, UUID> agents() {
        return Map.copyOf(agents);
    }
}
