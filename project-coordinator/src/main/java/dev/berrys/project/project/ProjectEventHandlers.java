package dev.berrys.project.project;

import dev.berrys.contracts.events.ModelEvents;
import dev.berrys.contracts.events.PlanningEvents;
import dev.berrys.contracts.events.WorkflowEvents;
import dev.berrys.starter.events.EventMetadata;
import dev.berrys.starter.events.OnEvent;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/** The other services' facts about a project's plan, progress, failure (and its reopening) and spend. */
@Component
class ProjectEventHandlers {
    private final ProjectFlow flow;

    ProjectEventHandlers(ProjectFlow flow) {
        this.flow = flow;
    }

    @OnEvent
    void planCreated(PlanningEvents.PlanCreated e, EventMetadata meta) {
        flow.planCreated(
                meta.tenant(), e.projectId(), e.planId(), e.version(), e.tasks().size());
    }

    @OnEvent
    void runRequested(WorkflowEvents.PlanRunRequested e, EventMetadata meta) {
        flow.runRequested(meta.tenant(), e.projectId(), e.planId());
    }

    @OnEvent
    void taskCompleted(PlanningEvents.TaskCompleted e, EventMetadata meta) {
        flow.taskCompleted(meta.tenant(), e.projectId(), e.planId(), e.completedTasks(), e.totalTasks());
    }

    @OnEvent
    void taskSkipped(PlanningEvents.TaskSkipped e, EventMetadata meta) {
        flow.taskCompleted(meta.tenant(), e.projectId(), e.planId(), e.completedTasks(), e.totalTasks());
    }

    @OnEvent
    void planReopened(PlanningEvents.PlanReopened e, EventMetadata meta) {
        flow.planReopened(meta.tenant(), e.projectId());
    }

    @OnEvent
    void planFailed(PlanningEvents.PlanFailed e, EventMetadata meta) {
        flow.fail(meta.tenant(), e.projectId(), e.reason() == null ? "the plan failed" : e.reason());
    }

    @OnEvent
    void budgetExceeded(ModelEvents.BudgetExceeded e, EventMetadata meta) {
        flow.pauseForBudget(meta.tenant(), e.projectId());
    }

    @OnEvent
    void callRecorded(ModelEvents.CallRecorded e, EventMetadata meta) {
        if (e.projectId() != null) {
            BigDecimal cost = e.costUsd() == null ? BigDecimal.ZERO : e.costUsd();
            flow.recordUsage(
                    meta.tenant(),
                    e.projectId(),
                    cost,
                    e.inputTokens() + e.outputTokens(),
                    e.simulated() && "SUCCEEDED".equals(e.outcome()));
        }
    }
}
