package dev.berrys.starter.events;

import dev.berrys.contracts.events.DeclaredEvent;
import dev.berrys.contracts.events.EventCatalogue;
import dev.berrys.starter.security.Tenants;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes events through the transactional outbox: the envelope is written in the caller's
 * transaction, so an event exists exactly when the business change it describes was committed. The
 * relay moves it to the service's stream after the commit.
 */
public class EventPublisher {
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final EventBusProperties props;
    private final TraceHeaders trace;
    private final OutboxRelay relay;

    EventPublisher(
            JdbcTemplate jdbc, JsonMapper json, EventBusProperties props, TraceHeaders trace, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.props = props;
        this.trace = trace;
        this.relay = relay;
    }

    /**
     * Publishes {@code payload} for the current tenant (of the event being handled, or of the caller's token).
     *
     * @see #publish(UUID, Object, String)
     */
    public UUID publish(UUID subject, Object payload) {
        return publish(subject, payload, Tenants.require());
    }

    /**
     * Writes the event to the outbox. Its type comes from the payload's class, which must be declared with
     * {@link dev.berrys.contracts.events.Event} on this service's stream. Must run inside a transaction.
     *
     * @return the event id
     * @throws IllegalArgumentException when the payload's class is no declared event, or one of another stream
     */
    public UUID publish(UUID subject, Object payload, String tenant) {
        DeclaredEvent event = EventCatalogue.require(payload.getClass());
        if (!event.stream().equals(props.stream())) {
            throw new IllegalArgumentException(payload.getClass().getName() + " is an event of " + event.stream()
                    + ", and this service publishes on " + props.stream());
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("events are published inside the transaction of the change they describe");
        }
        UUID id = UUID.randomUUID();
        String correlationId = EventContext.current()
                .map(m -> m.correlationId() != null ? m.correlationId() : m.id().toString())
                .orElse(id.toString());
        var envelope = new EventEnvelope(
                "1.0",
                id.toString(),
                "/berrys/" + props.group(),
                event.type(),
                Instant.now().toString(),
                subject.toString(),
                "application/json",
                tenant,
                correlationId,
                trace.currentTraceparent(),
                json.valueToTree(payload));
        jdbc.update(
                "insert into outbox_event (id, stream, type, envelope) values (?, ?, ?, ?)",
                id,
                event.stream(),
                event.type(),
                json.writeValueAsString(envelope));
        // one wake-up per transaction, however many events it publishes (a suspended outer transaction has its own)
        if (TransactionSynchronizationManager.getSynchronizations().stream()
                .noneMatch(s -> s instanceof WakeRelayAfterCommit w && w.relay == relay)) {
            TransactionSynchronizationManager.registerSynchronization(new WakeRelayAfterCommit(relay));
        }
        return id;
    }

    private record WakeRelayAfterCommit(OutboxRelay relay) implements TransactionSynchronization {
        @Override
        public void afterCommit() {
            relay.committed();
        }
    }
}
