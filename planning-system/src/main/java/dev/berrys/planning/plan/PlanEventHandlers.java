package dev.berrys.planning.plan;

import dev.berrys.contracts.events.AgentEvents.ExecutionCompleted;
import dev.berrys.contracts.events.AgentEvents.ExecutionContinued;
import dev.berrys.contracts.events.AgentEvents.ExecutionFailed;
import dev.berrys.contracts.events.AgentEvents.ExecutionInputReceived;
import dev.berrys.contracts.events.AgentEvents.ExecutionInputRequested;
import dev.berrys.contracts.events.AgentEvents.ExecutionStarted;
import dev.berrys.contracts.events.AgentEvents.ExecutionWaiting;
import dev.berrys.contracts.events.ProjectEvents.Cancelled;
import dev.berrys.contracts.events.ProjectEvents.Paused;
import dev.berrys.contracts.events.ProjectEvents.Resumed;
import dev.berrys.contracts.events.WorkflowEvents.PlanRunRequested;
import dev.berrys.starter.events.EventMetadata;
import dev.berrys.starter.events.OnEvent;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** The events that drive a plan's run: the workflow's go, the agents' executions, the project's lifecycle. */
@Component
class PlanEventHandlers {
    private final PlanRunner runner;
    private final TaskOutcomes outcomes;

    PlanEventHandlers(PlanRunner runner, TaskOutcomes outcomes) {
        this.runner = runner;
        this.outcomes = outcomes;
    }

    @OnEvent
    void runRequested(PlanRunRequested event, EventMetadata meta) {
        runner.run(event, meta.tenant());
    }

    @OnEvent
    void executionStarted(ExecutionStarted event, EventMetadata meta) {
        outcomes.started(event, meta.tenant());
    }

    @OnEvent
    void executionCompleted(ExecutionCompleted event, EventMetadata meta) {
        outcomes.completed(event, meta.tenant());
    }

    @OnEvent
    void executionFailed(ExecutionFailed event, EventMetadata meta) {
        outcomes.failed(event, meta.tenant());
    }

    @OnEvent
    void executionWaiting(ExecutionWaiting event, EventMetadata meta) {
        outcomes.waiting(event, meta.tenant());
    }

    @OnEvent
    void executionContinued(ExecutionContinued event, EventMetadata meta) {
        outcomes.continued(event, meta.tenant());
    }

    @OnEvent
    void executionInputRequested(ExecutionInputRequested event, EventMetadata meta) {
        outcomes.inputRequested(event, meta.tenant());
    }

    @OnEvent
    void executionInputReceived(ExecutionInputReceived event, EventMetadata meta) {
        outcomes.inputReceived(event, meta.tenant());
    }

    @OnEvent
    void projectPaused(Paused event, EventMetadata meta) {
        runner.pause(event.projectId(), meta.tenant());
    }

    @OnEvent
    void projectResumed(Resumed event, EventMetadata meta) {
        runner.resume(event.projectId(), meta.tenant());
    }

    @OnEvent
    void projectCancelled(Cancelled event, EventMetadata meta) {
        runner.cancel(event.projectId(), meta.tenant(), "project cancelled: " + Objects.toString(event.reason(), ""));
    }
}
