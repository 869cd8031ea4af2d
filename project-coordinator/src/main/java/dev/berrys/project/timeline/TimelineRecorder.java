package dev.berrys.project.timeline;

import dev.berrys.contracts.events.AgentEvents;
import dev.berrys.contracts.events.ModelEvents;
import dev.berrys.contracts.events.PlanningEvents;
import dev.berrys.contracts.events.WorkflowEvents;
import dev.berrys.starter.events.EventMetadata;
import dev.berrys.starter.events.OnEvent;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Puts the other services' events about a project on its timeline. Runs beside the handlers that act on
 * the same events, in the same inbox transaction. Each handler names its event and takes the payload as JSON, so
 * that the timeline keeps the payload as it was published.
 */
@Component
class TimelineRecorder {
    private final Timeline timeline;

    TimelineRecorder(Timeline timeline) {
        this.timeline = timeline;
    }

    @OnEvent(PlanningEvents.PlanCreated.class)
    void planCreated(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(PlanningEvents.PlanCompleted.class)
    void planCompleted(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(PlanningEvents.PlanFailed.class)
    void planFailed(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(PlanningEvents.TaskStarted.class)
    void taskStarted(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(PlanningEvents.TaskCompleted.class)
    void taskCompleted(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(PlanningEvents.TaskFailed.class)
    void taskFailed(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(PlanningEvents.TaskRetryScheduled.class)
    void taskRetryScheduled(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(PlanningEvents.TaskCancelled.class)
    void taskCancelled(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(AgentEvents.TeamAssembled.class)
    void teamAssembled(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(AgentEvents.ExecutionStarted.class)
    void executionStarted(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(AgentEvents.ExecutionCompleted.class)
    void executionCompleted(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(AgentEvents.ExecutionFailed.class)
    void executionFailed(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(AgentEvents.ExecutionCancelled.class)
    void executionCancelled(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    /** An agent asked a person a question (ask_human): the question and its options. */
    @OnEvent(AgentEvents.ExecutionInputRequested.class)
    void executionInputRequested(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    /** The person's answer. */
    @OnEvent(AgentEvents.ExecutionInputReceived.class)
    void executionInputReceived(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(WorkflowEvents.PlanRequested.class)
    void planRequested(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(WorkflowEvents.ApprovalRequired.class)
    void approvalRequired(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(WorkflowEvents.PlanRunRequested.class)
    void planRunRequested(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(WorkflowEvents.WorkflowCompleted.class)
    void workflowCompleted(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(ModelEvents.BudgetWarning.class)
    void budgetWarning(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(ModelEvents.BudgetExceeded.class)
    void budgetExceeded(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    private void record(JsonNode data, EventMetadata meta) {
        UUID projectId = projectId(data);
        if (projectId != null) {
            timeline.record(
                    meta.id(), meta.tenant(), projectId, meta.type(), meta.stream(), meta.time(), data.toString());
        }
    }

    /** The payload's {@code projectId}; null where it has none or it is not a UUID (never fails the inbox). */
    static @Nullable UUID projectId(JsonNode data) {
        JsonNode id = data.get("projectId");
        if (id == null || !id.isString()) {
            return null;
        }
        try {
            return UUID.fromString(id.asString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
