package dev.berrys.project.result;

import dev.berrys.project.project.ProjectStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A completed project's result.
 *
 * @param summary the synthesis of every task output
 * @param simulated true where the simulated provider wrote it (not a real model)
 * @param model the model that wrote the summary
 * @param artifacts every task's output, in plan order
 */
public record ResultView(
        UUID projectId,
        ProjectStatus status,
        String summary,
        boolean simulated,
        String model,
        List<ArtifactView> artifacts,
        @Nullable Instant completedAt) {}
