package dev.berrys.agent.team;

import java.time.Instant;
import java.util.UUID;

/** An agent of a project's team. */
public record AgentInfo(
        UUID id, String tenant, UUID projectId, UUID templateId, String role, String name, Instant createdAt) {}
