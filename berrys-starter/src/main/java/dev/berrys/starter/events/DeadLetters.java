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
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead letters every consumer group writes: one stream of them all and, with the same entries and ids,
 * one per tenant, so that a tenant's letters are listed a page at a time without reading anyone else's.
 * Both keep at most {@code dead-letter-max-length} letters, dropping the oldest. A letter whose event names no
 * tenant (it could not be parsed) is the platform tenant's. Letters written before there were per-tenant streams
 * (on the stream of them all only, without a {@code tenant} field) are copied to their tenant's stream, with
 * their ids, by {@link #migrateLegacy()} at start.
 */
public class DeadLetters {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DeadLetters.class);
    /** Adds a letter to both streams in one step, so that two replicas cannot interleave their ids. */
    private static final String ADD = """
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '=', ARGV[1], '*', unpack(ARGV, 2))
            redis.call('XADD', KEYS[2], 'MAXLEN', '=', ARGV[1], id, unpack(ARGV, 2))
            return id
            """;

    /**
     * Merges letters into a tenant's stream in id order: the stream is rebuilt with its own letters and those of
     * ARGV[2] (a JSON list of [id, [field, value, …]]) it does not have yet, then trimmed to ARGV[1]. Returns
     * how many were added.
     */
    private static final String MERGE = """
            local legacy = cjson.decode(ARGV[2])
            local all = redis.call('XRANGE', KEYS[1], '-', '+')
            local seen = {}
            for _, e in ipairs(all) do seen[e[1]] = true end
            local added = 0
            for _, e in ipairs(legacy) do
              if not seen[e[1]] then
                seen[e[1]] = true
                table.insert(all, e)
                added = added + 1
              end
            end
            if added == 0 then return 0 end
            local function parts(id)
              local ms, seq = string.match(id, '^(%d+)-(%d+)$')
              return tonumber(ms), tonumber(seq)
            end
            table.sort(all, function(a, b)
              local am, as = parts(a[1])
              local bm, bs = parts(b[1])
              if am ~= bm then return am < bm end
              return as < bs
            end)
            redis.call('DEL', KEYS[1])
            for _, e in ipairs(all) do redis.call('XADD', KEYS[1], e[1], unpack(e[2])) end
            redis.call('XTRIM', KEYS[1], 'MAXLEN', '=', ARGV[1])
            return added
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
            // every dead letter is written with both fields: a missing one is a corrupt entry, not a null to pass on
            redis.xadd(
                    props.key(Objects.requireNonNull(body.get("stream"), "stream")),
                    Map.of("event", Objects.requireNonNull(body.get("event"), "event")));
            redis.xdel(key, id);
            redis.xdel(deadLetterStream, id);
            return true;
        }
    }

    /**
     * Copies letters written before per-tenant streams existed (on the stream of them all, without a
     * {@code tenant} field) to their tenant's stream, with their ids and in id order; a letter whose event names
     * no tenant (or cannot be parsed) goes to the platform tenant only. Idempotent: a letter its tenant's stream
     * has already is not copied again, so every replica may run it. Returns how many were copied.
     */
    public long migrateLegacy() {
        try (var c = connections.get()) {
            var redis = c.sync();
            Map<String, List<List<Object>>> byTenant = new java.util.LinkedHashMap<>();
            String from = "-";
            while (true) {
                List<StreamMessage<String, String>> page =
                        redis.xrange(deadLetterStream, Range.create(from, "+"), Limit.from(500));
                for (StreamMessage<String, String> m : page) {
                    if (m.getBody().containsKey("tenant")) {
                        continue;
                    }
                    String tenant = tenantOf(m.getBody().getOrDefault("event", ""));
                    List<String> fields = new ArrayList<>(List.of("tenant", tenant));
                    m.getBody().forEach((k, v) -> {
                        fields.add(k);
                        fields.add(v);
                    });
                    byTenant.computeIfAbsent(tenant, t -> new ArrayList<>()).add(List.of(m.getId(), fields));
                }
                if (page.size() < 500) {
                    break;
                }
                from = "(" + page.getLast().getId();
            }
            long copied = 0;
            for (var e : byTenant.entrySet()) {
                Long added = redis.eval(
                        MERGE,
                        ScriptOutputType.INTEGER,
                        new String[] {props.deadLetterKey(e.getKey())},
                        Long.toString(props.deadLetterMaxLength()),
                        json.writeValueAsString(e.getValue()));
                copied += added == null ? 0 : added;
            }
            return copied;
        }
    }

    /** {@link #migrateLegacy()} on a thread of its own, logged; a failure (Redis away) is logged, not thrown. */
    void migrateLegacyInBackground() {
        Thread.ofVirtual().name("berrys-dead-letter-migration").start(() -> {
            try {
                long copied = migrateLegacy();
                if (copied > 0) {
                    log.info("{} dead letters from before per-tenant dead letters copied to their tenants", copied);
                }
            } catch (RuntimeException e) {
                log.warn("dead letters from before per-tenant dead letters not migrated: {}", e.toString());
            }
        });
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
