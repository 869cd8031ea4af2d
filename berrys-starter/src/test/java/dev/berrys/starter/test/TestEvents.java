package dev.berrys.starter.test;

import dev.berrys.contracts.events.DeclaredEvent;
import dev.berrys.contracts.events.EventCatalogue;
import dev.berrys.starter.events.EventBusProperties;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts events of other services on their streams (in the test's Redis namespace), as their outbox relay
 * would, and reads what a stream holds.
 */
public final class TestEvents {
    private final RedisClient redis;
    private final EventBusProperties props;
    private final JsonMapper json;

    public TestEvents(RedisClient redis, EventBusProperties props, JsonMapper json) {
        this.redis = redis;
        this.props = props;
        this.json = json;
    }

    /**
     * Publishes {@code payload} on the stream and as the type its class declares (see
     * {@link dev.berrys.contracts.events.Event}), for the tenant; returns the event id.
     */
    public UUID publish(UUID subject, Object payload, String tenant) {
        DeclaredEvent event = EventCatalogue.require(payload.getClass());
        return publish(event.stream(), event.type(), subject, payload, tenant);
    }

    /** Publishes {@code payload} as the event its class declares, for the test tenant. */
    public UUID publish(UUID subject, Object payload) {
        return publish(subject, payload, TestTokens.TENANT);
    }

    /**
     * Publishes {@code data} as event {@code type} on {@code stream} for the tenant, whatever {@code data} is: for an
     * entry as an older or a broken publisher wrote it. Returns the event id.
     */
    public UUID publish(String stream, String type, UUID subject, Object data, String tenant) {
        UUID id = UUID.randomUUID();
        var envelope = new java.util.LinkedHashMap<String, Object>();
        envelope.put("specversion", "1.0");
        envelope.put("id", id.toString());
        envelope.put("source", "/test");
        envelope.put("type", type);
        envelope.put("time", Instant.now().toString());
        envelope.put("subject", subject.toString());
        envelope.put("datacontenttype", "application/json");
        envelope.put("tenant", tenant);
        envelope.put("data", json.valueToTree(data));
        try (var c = redis.connect()) {
            c.sync().xadd(props.key(stream), Map.of("event", json.writeValueAsString(envelope)));
        }
        return id;
    }

    public UUID publish(String stream, String type, UUID subject, Object data) {
        return publish(stream, type, subject, data, TestTokens.TENANT);
    }

    /** Every event on {@code stream}, oldest first, as CloudEvents JSON. */
    public List<JsonNode> read(String stream) {
        try (var c = redis.connect()) {
            return c.sync().xrange(props.key(stream), Range.create("-", "+")).stream()
                    .map(m -> json.readTree(m.getBody().get("event")))
                    .toList();
        }
    }

    /** The events of {@code type} on {@code stream} whose data has {@code projectId}. */
    public List<JsonNode> read(String stream, String type, UUID projectId) {
        return read(stream).stream()
                .filter(e -> type.equals(e.path("type").asString()))
                .filter(e -> projectId
                        .toString()
                        .equals(e.path("data").path("projectId").asString()))
                .toList();
    }
}
