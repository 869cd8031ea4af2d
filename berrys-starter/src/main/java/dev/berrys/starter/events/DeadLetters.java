package dev.berrys.starter.events;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Reads and replays the dead-letter stream that every consumer group writes to. */
public class DeadLetters {
    private final Supplier<StatefulRedisConnection<String, String>> connections;
    private final EventBusProperties props;
    private final String deadLetterStream;

    DeadLetters(Supplier<StatefulRedisConnection<String, String>> connections, EventBusProperties props) {
        this.connections = connections;
        this.props = props;
        this.deadLetterStream = props.key(props.deadLetterStream());
    }

    /** A dead-lettered event: where it came from, which group gave up on it, and the event JSON. */
    public record DeadLetter(
            String id,
            String stream,
            String group,
            String messageId,
            long deliveries,
            String error,
            @Nullable Instant deadLetteredAt,
            String event) {}

    /** Newest first, at most {@code limit}. */
    public List<DeadLetter> list(int limit) {
        try (var c = connections.get()) {
            return c.sync().xrevrange(deadLetterStream, Range.create("-", "+"), Limit.from(limit)).stream()
                    .map(DeadLetters::toDeadLetter)
                    .toList();
        }
    }

    public long count() {
        try (var c = connections.get()) {
            return c.sync().xlen(deadLetterStream);
        }
    }

    public Optional<DeadLetter> find(String id) {
        try (var c = connections.get()) {
            return c.sync().xrange(deadLetterStream, Range.create(id, id)).stream()
                    .findFirst()
                    .map(DeadLetters::toDeadLetter);
        }
    }

    /**
     * Puts the event back on its stream and removes it from the dead letters. Groups that had handled it
     * already skip it through their inbox. Returns false where no such dead letter exists.
     */
    public boolean replay(String id) {
        try (var c = connections.get()) {
            var redis = c.sync();
            List<StreamMessage<String, String>> found = redis.xrange(deadLetterStream, Range.create(id, id));
            if (found.isEmpty()) {
                return false;
            }
            Map<String, String> body = found.getFirst().getBody();
            redis.xadd(props.key(body.get("stream")), Map.of("event", body.get("event")));
            redis.xdel(deadLetterStream, id);
            return true;
        }
    }

    private static DeadLetter toDeadLetter(StreamMessage<String, String> m) {
        Map<String, String> b = m.getBody();
        String at = b.get("deadLetteredAt");
        return new DeadLetter(
                m.getId(),
                b.getOrDefault("stream", ""),
                b.getOrDefault("group", ""),
                b.getOrDefault("messageId", ""),
                Long.parseLong(b.getOrDefault("deliveries", "0")),
                b.getOrDefault("error", ""),
                at == null ? null : Instant.parse(at),
                b.getOrDefault("event", ""));
    }
}
