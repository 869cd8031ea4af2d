package dev.berrys.contracts.events;

import dev.berrys.contracts.Streams;
import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Payloads on {@code berrys.project}, published by project-coordinator. */
public final class ProjectEvents {
    @Event(type = EventTypes.PROJECT_CREATED, stream = Streams.PROJECT)
    public record Created(
            UUID projectId,
            String name,
            String goal,
            @Nullable BigDecimal budgetUsd,
            @Nullable Long budgetTokens,
            boolean requirePlanApproval) {}

    @Event(type = EventTypes.PROJECT_STARTED, stream = Streams.PROJECT)
    public record Started(
            UUID projectId,
            String name,
            String goal,
            @Nullable BigDecimal budgetUsd,
            @Nullable Long budgetTokens,
            boolean requirePlanApproval) {}

    @Event(type = EventTypes.PROJECT_RUNNING, stream = Streams.PROJECT)
    public record Running(UUID projectId, UUID planId) {}

    @Event(type = EventTypes.PROJECT_PAUSED, stream = Streams.PROJECT)
    public record Paused(UUID projectId, String reason) {}

    @Event(type = EventTypes.PROJECT_RESUMED, stream = Streams.PROJECT)
    public record Resumed(UUID projectId) {}

    @Event(type = EventTypes.PROJECT_CANCELLED, stream = Streams.PROJECT)
    public record Cancelled(UUID projectId, String reason) {}

    @Event(type = EventTypes.PROJECT_COMPLETED, stream = Streams.PROJECT)
    public record Completed(UUID projectId, String summary) {}

    @Event(type = EventTypes.PROJECT_FAILED, stream = Streams.PROJECT)
    public record Failed(UUID projectId, String reason) {}

    /** The project's whole budget after a change; a null limit means none. */
    /**
     * A project's whole budget after a change. {@code setByRole}: the role of whoever changed it ({@code ADMIN},
     * {@code OPERATOR}); events from before it was carried have none, which counts as not an admin.
     */
    @Event(type = EventTypes.PROJECT_BUDGET_CHANGED, stream = Streams.PROJECT)
    public record BudgetChanged(
            UUID projectId,
            @Nullable BigDecimal budgetUsd,
            @Nullable Long budgetTokens,
            @Nullable String setByRole) {}

    @Event(type = EventTypes.APPROVAL_REQUESTED, stream = Streams.PROJECT)
    public record ApprovalRequested(UUID approvalId, UUID projectId, UUID planId, int planVersion) {}

    @Event(type = EventTypes.APPROVAL_GRANTED, stream = Streams.PROJECT)
    public record ApprovalGranted(
            UUID approvalId,
            UUID projectId,
            UUID planId,
            @Nullable String comment) {}

    @Event(type = EventTypes.APPROVAL_REJECTED, stream = Streams.PROJECT)
    public record ApprovalRejected(UUID approvalId, UUID projectId, UUID planId, String comment) {}

    private ProjectEvents() {}
}
