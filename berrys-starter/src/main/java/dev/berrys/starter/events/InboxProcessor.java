package dev.berrys.starter.events;

import io.lettuce.core.StreamMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Handles stream entries exactly once per consumer group: the event id goes into {@code inbox_event}
 * (primary key, {@code ON CONFLICT DO NOTHING}) in the same transaction as the handlers' effects. A
 * duplicate inserts nothing, and its handlers are not called.
 */
final class InboxProcessor {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final EventHandlers handlers;
    private final TraceHeaders trace;
    private final String group;
    private final @Nullable MeterRegistry meters;

    InboxProcessor(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            JsonMapper json,
            EventHandlers handlers,
            TraceHeaders trace,
            String group,
            @Nullable MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.handlers = handlers;
        this.trace = trace;
        this.group = group;
        this.meters = meters;
    }

    void processBatch(String stream, List<StreamMessage<String, String>> messages) {
        tx.executeWithoutResult(status -> {
            for (StreamMessage<String, String> message : messages) {
                process(stream, message);
            }
        });
    }

    private void process(String stream, StreamMessage<String, String> message) {
        String raw = message.getBody().get("event");
        if (raw == null) {
            throw new IllegalArgumentException("stream entry " + message.getId() + " has no 'event' field");
        }
        JsonNode envelope = json.readTree(raw);
        EventMetadata metadata = metadata(envelope, stream);
        List<EventHandlers.Invoker> invokers = handlers.handlersFor(stream, metadata.type());
        if (invokers.isEmpty()) {
            return;
        }
        int inserted = jdbc.update(
                "insert into inbox_event (event_id, consumer_group, type) values (?, ?, ?) on conflict do nothing",
                metadata.id(),
                group,
                metadata.type());
        if (inserted == 0) {
            count("berrys.events.duplicates", stream, metadata.type());
            return;
        }
        JsonNode data = envelope.path("data");
        ScopedValue.where(EventContext.CURRENT, metadata)
                .run(() -> trace.inConsumerSpan(metadata.traceparent(), "handle " + metadata.type(), () -> {
                    invokers.forEach(i -> i.invoke(json, data, metadata));
                    return null;
                }));
        count("berrys.events.consumed", stream, metadata.type());
        if (meters != null) {
            Timer.builder("berrys.consumer.lag")
                    .description("Time from an event's publication to its handling")
                    .tag("stream", stream)
                    .publishPercentiles(0.5, 0.99)
                    .register(meters)
                    .record(Duration.between(metadata.time(), Instant.now()));
        }
    }

    void countDeadLetter(String stream) {
        count("berrys.events.dead.lettered", stream, "any");
    }

    private void count(String name, String stream, String type) {
        if (meters != null) {
            Counter.builder(name)
                    .tag("stream", stream)
                    .tag("type", type)
                    .register(meters)
                    .increment();
        }
    }

    private static EventMetadata metadata(JsonNode e, String stream) {
        return new EventMetadata(
                UUID.fromString(required(e, "id")),
                required(e, "type"),
                e.path("source").asString(""),
                e.path("subject").asString(""),
                Instant.parse(required(e, "time")),
                required(e, "tenant"),
                e.hasNonNull("correlationid") ? e.get("correlationid").asString() : null,
                e.hasNonNull("traceparent") ? e.get("traceparent").asString() : null,
                stream);
    }

    private static String required(JsonNode e, String field) {
        JsonNode node = e.get(field);
        if (node == null || node.isNull() || node.asString("").isBlank()) {
            throw new IllegalArgumentException("event envelope lacks '" + field + "'");
        }
        return node.asString();
    }
}
