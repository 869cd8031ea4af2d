package dev.berrys.contracts.events;

/**
 * The name of every event type, past tense. Each is bound to its stream (the publisher's, see
 * {@link dev.berrys.contracts.Streams}) and to its one payload record by the {@link Event} on that record; the
 * services name events by their payload class, not by these strings.
 *
 * <p>The main flow: project.started → (workflow) plan.requested → (planning) plan.created → (workflow)
 * team.requested → (agent) team.assembled → (workflow, when approval is needed) approval.required →
 * (project) approval.requested … approval.granted | approval.rejected → (workflow) plan.run-requested →
 * (planning) task.assigned → (agent) execution.started / execution.completed | execution.failed →
 * (planning) task.* … plan.completed | plan.failed → (project) project.completed | project.failed.
 */
public final class EventTypes {
    // berrys.project (project-coordinator)
    public static final String PROJECT_CREATED = "project.created";
    public static final String PROJECT_STARTED = "project.started";
    public static final String PROJECT_RUNNING = "project.running";
    public static final String PROJECT_PAUSED = "project.paused";
    public static final String PROJECT_RESUMED = "project.resumed";
    public static final String PROJECT_CANCELLED = "project.cancelled";
    public static final String PROJECT_COMPLETED = "project.completed";
    public static final String PROJECT_FAILED = "project.failed";
    public static final String PROJECT_BUDGET_CHANGED = "project.budget-changed";
    public static final String APPROVAL_REQUESTED = "approval.requested";
    public static final String APPROVAL_GRANTED = "approval.granted";
    public static final String APPROVAL_REJECTED = "approval.rejected";

    // berrys.workflow (service-integration): commands to other services, phrased as what was decided
    public static final String PLAN_REQUESTED = "plan.requested";
    public static final String TEAM_REQUESTED = "team.requested";
    public static final String APPROVAL_REQUIRED = "approval.required";
    public static final String PLAN_RUN_REQUESTED = "plan.run-requested";
    public static final String WORKFLOW_COMPLETED = "workflow.completed";

    // berrys.planning (planning-system)
    public static final String PLAN_CREATED = "plan.created";
    public static final String PLAN_FAILED = "plan.failed";
    public static final String PLAN_COMPLETED = "plan.completed";
    public static final String PLAN_REOPENED = "plan.reopened";
    public static final String TASK_READY = "task.ready";
    public static final String TASK_ASSIGNED = "task.assigned";
    public static final String TASK_STARTED = "task.started";
    public static final String TASK_COMPLETED = "task.completed";
    public static final String TASK_FAILED = "task.failed";
    public static final String TASK_RETRY_SCHEDULED = "task.retry-scheduled";
    public static final String TASK_CANCELLED = "task.cancelled";
    public static final String TASK_SKIPPED = "task.skipped";

    // berrys.agent (agent-orchestrator)
    public static final String TEAM_ASSEMBLED = "team.assembled";
    public static final String EXECUTION_STARTED = "execution.started";
    public static final String EXECUTION_STEP_RECORDED = "execution.step-recorded";
    public static final String EXECUTION_COMPLETED = "execution.completed";
    public static final String EXECUTION_FAILED = "execution.failed";
    public static final String EXECUTION_CANCELLED = "execution.cancelled";
    public static final String EXECUTION_WAITING = "execution.waiting";
    public static final String EXECUTION_CONTINUED = "execution.continued";
    public static final String EXECUTION_INPUT_REQUESTED = "execution.input-requested";
    public static final String EXECUTION_INPUT_RECEIVED = "execution.input-received";

    // berrys.model (model-orchestration)
    public static final String MODEL_CALL_RECORDED = "model.call-recorded";
    public static final String BUDGET_WARNING = "budget.warning";
    public static final String BUDGET_EXCEEDED = "budget.exceeded";

    // berrys.tool (tool-integration)
    public static final String TOOL_EXECUTED = "tool.executed";

    private EventTypes() {}
}
