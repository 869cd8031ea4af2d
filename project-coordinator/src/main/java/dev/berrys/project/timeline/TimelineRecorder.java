package dev.berrys.project.timeline;

import static dev.berrys.contracts.Streams.AGENT;
import static dev.berrys.contracts.Streams.MODEL;
import static dev.berrys.contracts.Streams.PLANNING;
import static dev.berrys.contracts.Streams.WORKFLOW;

import dev.berrys.contracts.events.EventTypes;
import dev.berrys.starter.events.EventMetadata;
import dev.berrys.starter.events.OnEvent;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Puts the other services' events about a project on its timeline. Runs beside the handlers that act on
 * the same events, in the same inbox transaction.
 */
@Component
class TimelineRecorder {
    private final Timeline timeline;

    TimelineRecorder(Timeline timeline) {
        this.timeline = timeline;
    }

    @OnEvent(stream = PLANNING, type = EventTypes.PLAN_CREATED)
    void planCreated(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = PLANNING, type = EventTypes.PLAN_COMPLETED)
    void planCompleted(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = PLANNING, type = EventTypes.PLAN_FAILED)
    void planFailed(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = PLANNING, type = EventTypes.TASK_STARTED)
    void taskStarted(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = PLANNING, type = EventTypes.TASK_COMPLETED)
    void taskCompleted(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = PLANNING, type = EventTypes.TASK_FAILED)
    void taskFailed(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = PLANNING, type = EventTypes.TASK_RETRY_SCHEDULED)
    void taskRetryScheduled(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = PLANNING, type = EventTypes.TASK_CANCELLED)
    void taskCancelled(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = AGENT, type = EventTypes.TEAM_ASSEMBLED)
    void teamAssembled(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = AGENT, type = EventTypes.EXECUTION_STARTED)
    void executionStarted(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = AGENT, type = EventTypes.EXECUTION_COMPLETED)
    void executionCompleted(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = AGENT, type = EventTypes.EXECUTION_FAILED)
    void executionFailed(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = AGENT, type = EventTypes.EXECUTION_CANCELLED)
    void executionCancelled(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    /** An agent asked a person a question (ask_human): the question and its options. */
    @OnEvent(stream = AGENT, type = EventTypes.EXECUTION_INPUT_REQUESTED)
    void executionInputRequested(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    /** The person's answer. */
    @OnEvent(stream = AGENT, type = EventTypes.EXECUTION_INPUT_RECEIVED)
    void executionInputReceived(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = WORKFLOW, type = EventTypes.PLAN_REQUESTED)
    void planRequested(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = WORKFLOW, type = EventTypes.APPROVAL_REQUIRED)
    void approvalRequired(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = WORKFLOW, type = EventTypes.PLAN_RUN_REQUESTED)
    void planRunRequested(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = WORKFLOW, type = EventTypes.WORKFLOW_COMPLETED)
    void workflowCompleted(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = MODEL, type = EventTypes.BUDGET_WARNING)
    void budgetWarning(JsonNode data, EventMetadata meta) {
        record(data, meta);
    }

    @OnEvent(stream = MODEL, type = EventTypes.BUDGET_EXCEEDED)
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
