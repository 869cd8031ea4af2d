package dev.berrys.contracts.events;

import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Payloads on {@code berrys.project}, published by project-coordinator. */
public final class ProjectEvents {
    public record Created(
            UUID projectId,
            String name,
            String goal,
            @Nullable BigDecimal budgetUsd,
            @Nullable Long budgetTokens,
            boolean requirePlanApproval) {}

    public record Started(
            UUID projectId,
            String name,
            String goal,
            @Nullable BigDecimal budgetUsd,
            @Nullable Long budgetTokens,
            boolean requirePlanApproval) {}

    public record Running(UUID projectId, UUID planId) {}

    public record Paused(UUID projectId, String reason) {}

    public record Resumed(UUID projectId) {}

    public record Cancelled(UUID projectId, String reason) {}

    public record Completed(UUID projectId, String summary) {}

    public record Failed(UUID projectId, String reason) {}

    /** The project's whole budget after a change; a null limit means none. */
    /**
     * A project's whole budget after a change. {@code setByRole}: the role of whoever changed it ({@code ADMIN},
     * {@code OPERATOR}); events from before it was carried have none, which counts as not an admin.
     */
    public record BudgetChanged(
            UUID projectId,
            @Nullable BigDecimal budgetUsd,
            @Nullable Long budgetTokens,
            @Nullable String setByRole) {}

    public record ApprovalRequested(UUID approvalId, UUID projectId, UUID planId, int planVersion) {}

    public record ApprovalGranted(
            UUID approvalId,
            UUID projectId,
            UUID planId,
            @Nullable String comment) {}

    public record ApprovalRejected(UUID approvalId, UUID projectId, UUID planId, String comment) {}

    private ProjectEvents() {}
}
