package dev.berrys.starter.events;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead letters every consumer group writes: one stream of them all and, with the same entries and ids,
 * one per tenant, so that a tenant's letters are listed a page at a time without reading anyone else's.
 * Both keep at most {@code dead-letter-max-length} letters, dropping the oldest. A letter whose event names no
 * tenant (it could not be parsed) is the platform tenant's.
 */
public class DeadLetters {
    /** Adds a letter to both streams in one step, so that two replicas cannot interleave their ids. */
    private static final String ADD = """
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '=', ARGV[1], '*', unpack(ARGV, 2))
            redis.call('XADD', KEYS[2], 'MAXLEN', '=', ARGV[1], id, unpack(ARGV, 2))
            return id
            """;

    private final Supplier<StatefulRedisConnection<String, String>> connections;
    private final EventBusProperties props;
    private final JsonMapper json;
    private final String deadLetterStream;

    DeadLetters(
            Supplier<StatefulRedisConnection<String, String>> connections, EventBusProperties props, JsonMapper json) {
        this.connections = connections;
        this.props = props;
        this.json = json;
        this.deadLetterStream = props.key(props.deadLetterStream());
    }

    /** A dead-lettered event: where it came from, which group gave up on it, and the event JSON. */
    public record DeadLetter(
            String id,
            String tenant,
            String stream,
            String group,
            String messageId,
            long deliveries,
            String error,
            @Nullable Instant deadLetteredAt,
            String event) {}

    /** One page of a tenant's dead letters, newest first, and how many the tenant has. */
    public record Page(List<DeadLetter> content, long total) {}

    /**
     * Stores a letter; {@code fields} carry {@code event}, {@code stream}, {@code group} and the rest.
     * Returns its id.
     */
    public String add(Map<String, String> fields) {
        try (var c = connections.get()) {
            return add(c.sync(), fields);
        }
    }

    String add(RedisCommands<String, String> redis, Map<String, String> fields) {
        String tenant = tenantOf(fields.getOrDefault("event", ""));
        List<String> args = new ArrayList<>();
        args.add(Long.toString(props.deadLetterMaxLength()));
        args.add("tenant");
        args.add(tenant);
        fields.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return redis.eval(
                ADD,
                ScriptOutputType.VALUE,
                new String[] {deadLetterStream, props.deadLetterKey(tenant)},
                args.toArray(String[]::new));
    }

    /** Every tenant's letters, newest first, at most {@code limit}: for the platform's own tools and tests. */
    public List<DeadLetter> list(int limit) {
        try (var c = connections.get()) {
            return c.sync().xrevrange(deadLetterStream, Range.create("-", "+"), Limit.from(limit)).stream()
                    .map(DeadLetters::toDeadLetter)
                    .toList();
        }
    }

    /** Page {@code page} (from 0) of {@code tenant}'s letters, newest first. */
    public Page list(String tenant, int page, int size) {
        String key = props.deadLetterKey(tenant);
        long skip = (long) page * size;
        try (var c = connections.get()) {
            var redis = c.sync();
            long total = redis.xlen(key);
            if (skip >= total) {
                return new Page(List.of(), total);
            }
            List<DeadLetter> letters = redis.xrevrange(key, Range.create("-", "+"), Limit.from(skip + size)).stream()
                    .skip(skip)
                    .map(DeadLetters::toDeadLetter)
                    .toList();
            return new Page(letters, total);
        }
    }

    public long count() {
        try (var c = connections.get()) {
            return c.sync().xlen(deadLetterStream);
        }
    }

    /** {@code tenant}'s letter {@code id}; empty where it has none of that id. */
    public Optional<DeadLetter> find(String tenant, String id) {
        try (var c = connections.get()) {
            return c.sync().xrange(props.deadLetterKey(tenant), Range.create(id, id)).stream()
                    .findFirst()
                    .map(DeadLetters::toDeadLetter);
        }
    }

    /**
     * Puts {@code tenant}'s letter back on its stream and removes it from the dead letters. Groups that had
     * handled it already skip it through their inbox. Returns false where the tenant has no such letter.
     */
    public boolean replay(String tenant, String id) {
        try (var c = connections.get()) {
            var redis = c.sync();
            String key = props.deadLetterKey(tenant);
            List<StreamMessage<String, String>> found = redis.xrange(key, Range.create(id, id));
            if (found.isEmpty()) {
                return false;
            }
            Map<String, String> body = found.getFirst().getBody();
            redis.xadd(props.key(body.get("stream")), Map.of("event", body.get("event")));
            redis.xdel(key, id);
            redis.xdel(deadLetterStream, id);
            return true;
        }
    }

    private String tenantOf(String event) {
        try {
            JsonNode tenant = json.readTree(event).path("tenant");
            return tenant.isString() && !tenant.asString().isBlank() ? tenant.asString() : props.platformTenant();
        } catch (RuntimeException unreadable) {
            return props.platformTenant();
        }
    }

    private static DeadLetter toDeadLetter(StreamMessage<String, String> m) {
        Map<String, String> b = m.getBody();
        String at = b.get("deadLetteredAt");
        return new DeadLetter(
                m.getId(),
                b.getOrDefault("tenant", ""),
                b.getOrDefault("stream", ""),
                b.getOrDefault("group", ""),
                b.getOrDefault("messageId", ""),
                Long.parseLong(b.getOrDefault("deliveries", "0")),
                b.getOrDefault("error", ""),
                at == null ? null : Instant.parse(at),
                b.getOrDefault("event", ""));
    }
}
