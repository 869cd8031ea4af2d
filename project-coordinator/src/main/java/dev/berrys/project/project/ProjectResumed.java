package dev.berrys.project.project;

import java.util.UUID;

/** In-process: a project went back to work (work held back while it was paused, or that failed, may go on). */
public record ProjectResumed(UUID projectId, String tenant) {}
