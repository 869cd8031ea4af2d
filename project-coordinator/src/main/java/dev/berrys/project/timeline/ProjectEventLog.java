package dev.berrys.project.timeline;

import dev.berrys.contracts.Streams;
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

    /** Publishes {@code payload} as an event of {@code projectId}; must run in the transaction of the change. */
    public UUID publish(String type, String tenant, UUID projectId, Object payload) {
        UUID id = publisher.publish(type, projectId, payload, tenant);
        timeline.record(id, tenant, projectId, type, Streams.PROJECT, Instant.now(), json.writeValueAsString(payload));
        return id;
    }
}
