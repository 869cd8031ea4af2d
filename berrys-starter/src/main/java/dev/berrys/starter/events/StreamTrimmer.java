package dev.berrys.starter.events;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps this service's stream from growing without end. An entry goes once every consumer group has
 * passed it: delivered to the group and acknowledged (the group's oldest pending entry and everything after
 * it stay, so a reclaim or a dead letter still finds it). Past that, a safety net drops entries older than
 * {@code stream-max-age} or beyond the newest {@code stream-max-length}, even unread ones, so that a group
 * that stopped for good cannot make Redis run out of memory. Every replica may trim; XTRIM is idempotent.
 */
final class StreamTrimmer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(StreamTrimmer.class);

    private final Supplier<StatefulRedisConnection<String, String>> connections;
    private final EventBusProperties props;
    private final Clock clock;
    private volatile boolean running;
    private volatile @Nullable Thread worker;

    StreamTrimmer(
            Supplier<StatefulRedisConnection<String, String>> connections, EventBusProperties props, Clock clock) {
        this.connections = connections;
        this.props = props;
        this.clock = clock;
    }

    /** Trims the stream once; returns how many entries it removed. */
    long trimOnce() {
        String key = props.key(props.stream());
        try (var c = connections.get()) {
            RedisCommands<String, String> redis = c.sync();
            long removed = 0;
            Optional<String> consumed = consumedByEveryGroup(redis, key);
            if (consumed.isPresent()) {
                removed +=
                        redis.xtrim(key, XTrimArgs.Builder.minId(consumed.get()).exactTrimming());
            }
            long oldestKept = clock.millis() - props.streamMaxAge().toMillis();
            removed +=
                    redis.xtrim(key, XTrimArgs.Builder.minId(oldestKept + "-0").exactTrimming());
            removed += redis.xtrim(
                    key, XTrimArgs.Builder.maxlen(props.streamMaxLength()).exactTrimming());
            return removed;
        }
    }

    /**
     * The lowest id that some group still needs: per group its oldest pending entry, or the entry after the
     * last one delivered to it. Empty where no group reads the stream yet (nothing is known to be consumed).
     */
    static Optional<String> consumedByEveryGroup(RedisCommands<String, String> redis, String key) {
        List<Object> groups;
        try {
            groups = redis.xinfoGroups(key);
        } catch (RedisCommandExecutionException noSuchKey) {
            return Optional.empty();
        }
        StreamId lowest = null;
        for (Object raw : groups) {
            if (!(raw instanceof List<?> fields)) {
                continue;
            }
            String name = field(fields, "name");
            String lastDelivered = field(fields, "last-delivered-id");
            if (name == null || lastDelivered == null) {
                return Optional.empty();
            }
            var pending = redis.xpending(key, name);
            StreamId needed = pending.getCount() > 0
                    ? StreamId.parse(pending.getMessageIds().getLower().getValue())
                    : StreamId.parse(lastDelivered).next();
            if (lowest == null || needed.compareTo(lowest) < 0) {
                lowest = needed;
            }
        }
        return Optional.ofNullable(lowest).map(StreamId::toString);
    }

    private static @Nullable String field(List<?> fields, String name) {
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if (name.equals(String.valueOf(fields.get(i)))) {
                Object value = fields.get(i + 1);
                return value == null ? null : String.valueOf(value);
            }
        }
        return null;
    }

    /** A stream entry id, {@code <ms>-<seq>}. */
    record StreamId(long ms, long seq) implements Comparable<StreamId> {
        static StreamId parse(String id) {
            int dash = id.indexOf('-');
            return dash < 0
                    ? new StreamId(Long.parseLong(id), 0)
                    : new StreamId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
        }

        StreamId next() {
            return seq == Long.MAX_VALUE ? new StreamId(ms + 1, 0) : new StreamId(ms, seq + 1);
        }

        @Override
        public int compareTo(StreamId other) {
            int byMs = Long.compare(ms, other.ms);
            return byMs != 0 ? byMs : Long.compareUnsigned(seq, other.seq);
        }

        @Override
        public String toString() {
            return ms + "-" + seq;
        }
    }

    @Override
    public void start() {
        running = true;
        if (!props.enabled() || props.trimInterval().isZero()) {
            return;
        }
        worker = Thread.ofPlatform().name("berrys-stream-trimmer").daemon().start(this::loop);
    }

    private void loop() {
        while (running) {
            LockSupport.parkNanos(props.trimInterval().toNanos());
            if (!running) {
                return;
            }
            try {
                long removed = trimOnce();
                if (removed > 0) {
                    log.debug("trimmed {} entries from {}", removed, props.stream());
                }
            } catch (RuntimeException e) {
                log.warn("trimming {} failed, trying again later: {}", props.stream(), e.toString());
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
