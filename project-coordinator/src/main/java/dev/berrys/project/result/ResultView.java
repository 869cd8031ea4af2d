package dev.berrys.project.result;

import dev.berrys.project.project.ProjectStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A completed project's result.
 *
 * @param summary the synthesis of every task output
 * @param simulated true where the built-in simulated model answered any call of the project (the plan, a
 *     task, the synthesis): the result is not a real AI model's
 * @param simulatedCalls how many of the project's model calls the simulated model answered
 * @param model the model that wrote the summary
 * @param artifacts every task's output, in plan order
 */
public record ResultView(
        UUID projectId,
        ProjectStatus status,
        String summary,

        @Schema(
                description = "true where the built-in simulated model answered any model call of the project (plan,"
                        + " tasks or synthesis): the result is not a real AI model's")
        boolean simulated,

        @Schema(description = "how many of the project's model calls the built-in simulated model answered")
        long simulatedCalls,

        String model,
        List<ArtifactView> artifacts,
        @Nullable Instant completedAt) {}
