package dev.berrys.project.approval;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An approval as clients read it.
 *
 * @param summary what the workflow said about the plan when it asked
 * @param decidedBy the user (token subject) who decided
 */
public record ApprovalView(
        UUID id,
        UUID projectId,
        UUID planId,
        int planVersion,
        ApprovalStatus status,
        @Nullable String summary,
        @Nullable String comment,
        Instant createdAt,
        @Nullable Instant decidedAt,
        @Nullable String decidedBy) {}
