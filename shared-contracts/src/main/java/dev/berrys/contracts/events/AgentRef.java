package dev.berrys.contracts.events;

import java.util.UUID;

/** An agent of a project's team, as other services see it. */
public record AgentRef(UUID agentId, String role, String name) {}
