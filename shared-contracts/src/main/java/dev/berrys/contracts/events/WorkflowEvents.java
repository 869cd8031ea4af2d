package dev.berrys.contracts.events;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Payloads on {@code berrys.workflow}, published by service-integration's project-execution workflow. */
public final class WorkflowEvents {
    /** Plan this goal; {@code feedback} carries a rejected plan's comment for the next version. */
    public record PlanRequested(
            UUID workflowId,
            UUID projectId,
            String goal,
            @Nullable String feedback,
            @Nullable UUID previousPlanId) {}

    public record TeamRequested(UUID workflowId, UUID projectId, UUID planId, List<String> roles) {}

    public record ApprovalRequired(UUID workflowId, UUID projectId, UUID planId, int planVersion, String summary) {}

    /** The plan may run with this team. */
    public record PlanRunRequested(UUID workflowId, UUID projectId, UUID planId, List<AgentRef> agents) {}

    public record WorkflowCompleted(UUID workflowId, UUID projectId, String outcome) {}

    private WorkflowEvents() {}
}
