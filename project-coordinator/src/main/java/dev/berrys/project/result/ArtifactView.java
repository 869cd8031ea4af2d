package dev.berrys.project.result;

import java.time.Instant;
import java.util.UUID;

/** A task's output as part of a project's result. */
public record ArtifactView(
        UUID id,
        UUID projectId,
        UUID planId,
        UUID taskId,
        String title,
        String role,
        String content,
        Instant createdAt) {}
