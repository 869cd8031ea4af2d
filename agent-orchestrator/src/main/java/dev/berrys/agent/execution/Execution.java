package dev.berrys.agent.execution;

import dev.berrys.starter.web.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of one task by one agent. Rows are inserted by the {@code task.assigned} handler (PENDING);
 * the transitions below guard the lifecycle, and the version makes a concurrent change (a cancellation
 * while a step is being stored) fail instead of being overwritten.
 */
@Entity
@Table(name = "execution")
@DynamicUpdate // a step changes a few counters: the prompts and task text are not sent again
class Execution {
    @Id
    private UUID id;

    private String tenant;

    @Column(name = "project_id")
    private UUID projectId;

    @Column(name = "plan_id")
    private UUID planId;

    @Column(name = "task_id")
    private UUID taskId;

    @Column(name = "agent_id")
    private UUID agentId;

    private String role;
    private String title;
    private String description;
    private String goal;

    /** JSON array of {@code TaskOutput}. */
    @Column(name = "dependency_outputs")
    private String dependencyOutputs;

    private int attempt;

    @Enumerated(EnumType.STRING)
    private ExecutionStatus status;

    @Column(name = "template_id")
    private @Nullable UUID templateId;

    private @Nullable String model;

    @Column(name = "max_steps")
    private @Nullable Integer maxSteps;

    private String @Nullable [] tools;

    @Column(name = "system_prompt")
    private @Nullable String systemPrompt;

    @Column(name = "user_prompt")
    private @Nullable String userPrompt;

    private @Nullable String output;
    private @Nullable String error;
    private @Nullable Boolean retryable;

    @Column(name = "input_tokens")
    private long inputTokens;

    @Column(name = "output_tokens")
    private long outputTokens;

    @Column(name = "step_count")
    private int stepCount;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "started_at")
    private @Nullable Instant startedAt;

    @Column(name = "completed_at")
    private @Nullable Instant completedAt;

    @Column(name = "waiting_reason")
    private @Nullable String waitingReason;

    @Column(name = "waiting_since")
    private @Nullable Instant waitingSince;

    /** The replica that runs or ran it: set by SQL when it is assigned or taken over, never by the entity. */
    @Column(name = "handled_by", insertable = false, updatable = false)
    private @Nullable String handledBy;

    @Version
    private long version;

    protected Execution() {}

    /** Fixes the template's settings and the prompts (the start of the checkpoint) and runs. */
    void start(UUID templateId, String model, int maxSteps, List<String> tools, String system, String user) {
        require(ExecutionStatus.PENDING, "start");
        this.templateId = templateId;
        this.model = model;
        this.maxSteps = maxSteps;
        this.tools = tools.toArray(String[]::new);
        this.systemPrompt = system;
        this.userPrompt = user;
        this.status = ExecutionStatus.RUNNING;
        this.startedAt = Instant.now();
    }

    /** Counts a stored step and its tokens. */
    void recordStep(long input, long output) {
        require(ExecutionStatus.RUNNING, "record a step of");
        this.stepCount++;
        this.inputTokens += input;
        this.outputTokens += output;
    }

    /** Waits for an unavailable dependency; the first reason and time of an outage are kept. */
    void waitFor(String reason, Instant since) {
        require(ExecutionStatus.RUNNING, "wait for a dependency of");
        this.waitingReason = reason;
        if (this.waitingSince == null) {
            this.waitingSince = since;
        }
    }

    /** Its agent asked a person (ask_human): it waits for the answer, held by no thread and no lease. */
    void awaitInput() {
        require(ExecutionStatus.RUNNING, "wait for an answer in");
        this.status = ExecutionStatus.WAITING_INPUT;
    }

    /** The person answered: it runs on from its checkpoint. */
    void inputReceived() {
        require(ExecutionStatus.WAITING_INPUT, "give an answer to");
        this.status = ExecutionStatus.RUNNING;
    }

    /** Whether it waited; it does no longer. */
    boolean stopWaiting() {
        boolean waited = waitingSince != null;
        this.waitingReason = null;
        this.waitingSince = null;
        return waited;
    }

    void complete(String result) {
        require(ExecutionStatus.RUNNING, "complete");
        stopWaiting();
        this.status = ExecutionStatus.COMPLETED;
        this.output = result;
        this.completedAt = Instant.now();
    }

    void fail(String reason, boolean canRetry) {
        if (status != ExecutionStatus.RUNNING && status != ExecutionStatus.PENDING) {
            throw illegal("fail");
        }
        stopWaiting();
        this.status = ExecutionStatus.FAILED;
        this.error = reason;
        this.retryable = canRetry;
        this.completedAt = Instant.now();
    }

    void cancel(String reason) {
        if (status.isTerminal()) {
            throw illegal("cancel");
        }
        stopWaiting();
        this.status = ExecutionStatus.CANCELLED;
        this.error = reason;
        this.retryable = false;
        this.completedAt = Instant.now();
    }

    private void require(ExecutionStatus expected, String action) {
        if (status != expected) {
            throw illegal(action);
        }
    }

    private ProblemException illegal(String action) {
        return new ProblemException.Conflict(
                "illegal-execution-transition", "Cannot " + action + " execution " + id + " in status " + status + ".");
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

    UUID taskId() {
        return taskId;
    }

    UUID agentId() {
        return agentId;
    }

    String role() {
        return role;
    }

    String title() {
        return title;
    }

    String description() {
        return description;
    }

    String goal() {
        return goal;
    }

    String dependencyOutputs() {
        return dependencyOutputs;
    }

    @Nullable
    String waitingReason() {
        return waitingReason;
    }

    @Nullable
    Instant waitingSince() {
        return waitingSince;
    }

    @Nullable
    String handledBy() {
        return handledBy;
    }

    int attempt() {
        return attempt;
    }

    ExecutionStatus status() {
        return status;
    }

    @Nullable
    UUID templateId() {
        return templateId;
    }

    String model() {
        return model == null ? "auto" : model;
    }

    int maxSteps() {
        return maxSteps == null ? 6 : maxSteps;
    }

    List<String> tools() {
        return tools == null ? List.of() : List.of(tools);
    }

    @Nullable
    String systemPrompt() {
        return systemPrompt;
    }

    @Nullable
    String userPrompt() {
        return userPrompt;
    }

    @Nullable
    String output() {
        return output;
    }

    @Nullable
    String error() {
        return error;
    }

    @Nullable
    Boolean retryable() {
        return retryable;
    }

    long inputTokens() {
        return inputTokens;
    }

    long outputTokens() {
        return outputTokens;
    }

    int stepCount() {
        return stepCount;
    }

    Instant createdAt() {
        return createdAt;
    }

    @Nullable
    Instant startedAt() {
        return startedAt;
    }

    @Nullable
    Instant completedAt() {
        return completedAt;
    }
}
