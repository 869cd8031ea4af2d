package dev.berrys.project.timeline;

import dev.berrys.contracts.events.DeclaredEvent;
import dev.berrys.contracts.events.EventCatalogue;
import dev.berrys.starter.events.EventPublisher;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Publishes this service's events (through the outbox) and puts each on its project's timeline. */
@Component
public class ProjectEventLog {
    private final EventPublisher publisher;
    private final Timeline timeline;
    private final JsonMapper json;

    ProjectEventLog(EventPublisher publisher, Timeline timeline, JsonMapper json) {
        this.publisher = publisher;
        this.timeline = timeline;
        this.json = json;
    }

    /**
     * Publishes {@code payload} (a declared event of this service's stream) as an event of {@code projectId}; must
     * run in the transaction of the change.
     */
    public UUID publish(String tenant, UUID projectId, Object payload) {
        UUID id = publisher.publish(projectId, payload, tenant);
        DeclaredEvent event = EventCatalogue.require(payload.getClass());
        timeline.record(
                id, tenant, projectId, event.type(), event.stream(), Instant.now(), json.writeValueAsString(payload));
        return id;
    }
}
