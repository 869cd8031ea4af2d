package dev.berrys.agent.team.web;

import dev.berrys.agent.team.AgentDirectory.Activity;
import dev.berrys.agent.team.AgentInfo;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An agent as the API shows it; {@code status} is IDLE or WORKING. */
record AgentView(
        UUID id,
        UUID projectId,
        UUID templateId,
        String role,
        String name,
        String status,
        @Nullable UUID currentTaskId,
        Instant createdAt) {

    static AgentView of(AgentInfo a, Activity activity) {
        return new AgentView(
                a.id(),
                a.projectId(),
                a.templateId(),
                a.role(),
                a.name(),
                activity.status(),
                activity.currentTaskId(),
                a.createdAt());
    }
}
