package dev.berrys.tool.execution;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A recorded execution.
 *
 * @param arguments JSON text, secrets redacted
 * @param handledBy the replica of tool-integration that ran it
 */
public record ExecutionView(
        UUID id,
        @Nullable UUID projectId,
        @Nullable UUID taskId,
        @Nullable UUID executionId,
        String tool,
        String arguments,
        String status,
        @Nullable String resultSummary,
        @Nullable String error,
        Instant startedAt,
        long durationMs,
        @Nullable String handledBy) {}
