package dev.berrys.starter.events;

import io.lettuce.core.StreamMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> lag = new ConcurrentHashMap<>();

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
        List<Parsed> handled = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> message : messages) {
            String raw = message.getBody().get("event");
            if (raw == null) {
                throw new IllegalArgumentException("stream entry " + message.getId() + " has no 'event' field");
            }
            JsonNode envelope = json.readTree(raw);
            EventMetadata metadata = metadata(envelope, stream);
            List<EventHandlers.Invoker> invokers = handlers.handlersFor(stream, metadata.type());
            if (!invokers.isEmpty()) {
                handled.add(new Parsed(metadata, envelope.path("data"), invokers));
            }
        }
        if (handled.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            Set<UUID> fresh = recordInInbox(handled);
            for (Parsed p : handled) {
                if (fresh.remove(p.metadata().id())) {
                    handle(p);
                } else {
                    count("berrys.events.duplicates", stream, p.metadata().type());
                }
            }
        });
    }

    /** One statement for the whole batch; returns the ids not seen before by this consumer group. */
    private Set<UUID> recordInInbox(List<Parsed> batch) {
        UUID[] ids = batch.stream().map(p -> p.metadata().id()).toArray(UUID[]::new);
        String[] types = batch.stream().map(p -> p.metadata().type()).toArray(String[]::new);
        List<UUID> inserted = jdbc.query(
                con -> {
                    var ps = con.prepareStatement("insert into inbox_event (event_id, consumer_group, type)"
                            + " select id, ?, type from unnest(?::uuid[], ?::text[]) as t(id, type)"
                            + " on conflict do nothing returning event_id");
                    ps.setString(1, group);
                    ps.setArray(2, con.createArrayOf("uuid", ids));
                    ps.setArray(3, con.createArrayOf("text", types));
                    return ps;
                },
                (rs, i) -> rs.getObject(1, UUID.class));
        return new HashSet<>(inserted);
    }

    private void handle(Parsed p) {
        EventMetadata metadata = p.metadata();
        ScopedValue.where(EventContext.CURRENT, metadata)
                .run(() -> trace.inConsumerSpan(metadata.traceparent(), "handle " + metadata.type(), () -> {
                    p.invokers().forEach(i -> i.invoke(json, p.data(), metadata));
                    return null;
                }));
        count("berrys.events.consumed", metadata.stream(), metadata.type());
        if (meters != null) {
            lag.computeIfAbsent(metadata.stream(), s -> Timer.builder("berrys.consumer.lag")
                            .description("Time from an event's publication to its handling")
                            .tag("stream", s)
                            .publishPercentiles(0.5, 0.99)
                            .register(meters))
                    .record(Duration.between(metadata.time(), Instant.now()));
        }
    }

    private record Parsed(EventMetadata metadata, JsonNode data, List<EventHandlers.Invoker> invokers) {}

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
