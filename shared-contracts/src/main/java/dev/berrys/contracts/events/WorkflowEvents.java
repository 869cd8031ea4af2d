package dev.berrys.contracts.events;

import dev.berrys.contracts.Streams;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Payloads on {@code berrys.workflow}, published by service-integration's project-execution workflow. */
public final class WorkflowEvents {
    /** Plan this goal; {@code feedback} carries a rejected plan's comment for the next version. */
    @Event(type = EventTypes.PLAN_REQUESTED, stream = Streams.WORKFLOW)
    public record PlanRequested(
            UUID workflowId,
            UUID projectId,
            String goal,
            @Nullable String feedback,
            @Nullable UUID previousPlanId) {}

    @Event(type = EventTypes.TEAM_REQUESTED, stream = Streams.WORKFLOW)
    public record TeamRequested(UUID workflowId, UUID projectId, UUID planId, List<String> roles) {}

    @Event(type = EventTypes.APPROVAL_REQUIRED, stream = Streams.WORKFLOW)
    public record ApprovalRequired(UUID workflowId, UUID projectId, UUID planId, int planVersion, String summary) {}

    /** The plan may run with this team. */
    @Event(type = EventTypes.PLAN_RUN_REQUESTED, stream = Streams.WORKFLOW)
    public record PlanRunRequested(UUID workflowId, UUID projectId, UUID planId, List<AgentRef> agents) {}

    @Event(type = EventTypes.WORKFLOW_COMPLETED, stream = Streams.WORKFLOW)
    public record WorkflowCompleted(UUID workflowId, UUID projectId, String outcome) {}

    private WorkflowEvents() {}
}
