package dev.berrys.starter.events;

import dev.berrys.starter.calls.OutagePolicy;
import dev.berrys.starter.calls.Outages;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XPendingArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one stream in this service's consumer group. Entries are handled in a batch transaction (one
 * commit for many events); if the batch fails, each entry is retried in its own transaction so one bad
 * event cannot hold back the others. An entry is acknowledged only after its transaction committed.
 * Entries left pending (a handler failed, or a replica died mid-batch) are claimed back after
 * {@code reclaim-idle}; after {@code max-deliveries} they move to the dead-letter stream. A handler that
 * fails because a dependency is down (an outage in the sense of {@link Outages}: the database or Redis
 * unreachable) does not spend a delivery: the consumer pauses with the {@link OutagePolicy}'s backoff and
 * handles the same entries again, keeping them claimed, until the dependency is back. Dead letters are for
 * events that fail on their own content. A read blocks in Redis for up to {@code read-block} (a new entry ends
 * it at once), never past the next reclaim; {@link #stop()} ends it by closing the connection.
 */
final class StreamConsumer {
    private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);

    private final String stream;
    private final String key;
    private final EventBusProperties props;
    private final String consumerName;
    private final Supplier<StatefulRedisConnection<String, String>> connections;
    private final InboxProcessor inbox;
    private final DeadLetters deadLetters;
    private final OutagePolicy outages;
    private final Map<String, String> lastErrors = new ConcurrentHashMap<>();
    private volatile boolean running;
    private @Nullable Thread worker;
    private volatile @Nullable StatefulRedisConnection<String, String> current;
    /** True while the worker waits in a read: only then does {@link #requestStop()} close its connection. */
    private volatile boolean reading;

    private Instant nextReclaim = Instant.now();
    /** When to look again whether other consumers of the group read this stream ({@link #readCount}). */
    private Instant nextPeerCheck = Instant.now();

    private boolean peersReading;
    /** How often a consumer with a small {@code read-count} looks whether it is the group's only one reading. */
    static final Duration PEER_CHECK = Duration.ofSeconds(5);

    StreamConsumer(
            String stream,
            EventBusProperties props,
            String consumerName,
            Supplier<StatefulRedisConnection<String, String>> connections,
            InboxProcessor inbox,
            DeadLetters deadLetters,
            OutagePolicy outages) {
        this.stream = stream;
        this.outages = outages;
        this.key = props.key(stream);
        this.props = props;
        this.consumerName = consumerName;
        this.connections = connections;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
    }

    void start() {
        running = true;
        worker = Thread.ofPlatform().name("berrys-consumer-" + stream).daemon().start(this::loop);
    }

    /** Asks the consumer to stop: a blocked read ends now, a batch being handled finishes first. */
    void requestStop() {
        running = false;
        StatefulRedisConnection<String, String> c = current;
        if (c != null && reading) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // stopping anyway
            }
        }
    }

    void stop() {
        requestStop();
        Thread t = worker;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        StatefulRedisConnection<String, String> connection = null;
        long backoffMs = 0;
        while (running) {
            try {
                if (connection == null || !connection.isOpen()) {
                    connection = connections.get();
                    current = connection;
                    if (!running) {
                        break;
                    }
                    ensureGroup(connection.sync());
                }
                RedisCommands<String, String> redis = connection.sync();
                reclaimIfDue(redis);
                List<StreamMessage<String, String>> batch;
                reading = true;
                try {
                    if (!running) {
                        break;
                    }
                    batch = redis.xreadgroup(
                            Consumer.from(props.group(), consumerName),
                            XReadArgs.Builder.block(readBlock()).count(readCount(redis, Instant.now())),
                            XReadArgs.StreamOffset.lastConsumed(key));
                } finally {
                    reading = false;
                }
                if (batch != null && !batch.isEmpty()) {
                    handle(redis, batch);
                }
                backoffMs = 0;
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                backoffMs = Math.min(5_000, Math.max(100, backoffMs * 2));
                log.warn("consumer of {} failed, retrying in {} ms: {}", stream, backoffMs, e.toString());
                if (connection != null) {
                    connection.close();
                    connection = null;
                }
                sleep(backoffMs);
            }
        }
        if (connection != null) {
            connection.close();
        }
    }

    /** {@code read-block}, cut short so that the next reclaim of idle entries is on time. */
    private Duration readBlock() {
        long untilReclaim = Duration.between(Instant.now(), nextReclaim).toMillis();
        return Duration.ofMillis(Math.max(1, Math.min(props.readBlock().toMillis(), untilReclaim)));
    }

    /**
     * Entries to take in the next read: {@code read-count} while another consumer of the group (a replica of this
     * service) reads the stream too, so that they share a burst; alone, a whole batch, so that a burst is
     * handled in a few transactions instead of one per entry. A consumer counts as reading while it marked itself
     * within a blocking read's time (plus slack); a dead replica's consumer stops counting after that.
     */
    int readCount(RedisCommands<String, String> redis, Instant now) {
        if (props.readCount() <= 0 || props.readCount() >= props.batchSize()) {
            return props.readCountOrBatch();
        }
        if (!now.isBefore(nextPeerCheck)) {
            nextPeerCheck = now.plus(PEER_CHECK);
            try {
                peersReading = othersReading(redis);
            } catch (RuntimeException e) {
                peersReading = true; // unsure: share
            }
        }
        return peersReading ? props.readCount() : props.batchSize();
    }

    /**
     * Each consumer of a stream with a small read count marks itself in a sorted set of the group's readers (score:
     * when it last looked); the others in it within a blocking read's time plus slack are reading too.
     */
    private boolean othersReading(RedisCommands<String, String> redis) {
        String readers = key + ".readers." + props.group();
        long now = System.currentTimeMillis();
        long alive = props.readBlock().plus(PEER_CHECK).plusSeconds(5).toMillis();
        redis.zadd(readers, now, consumerName);
        redis.zremrangebyscore(readers, Range.create(0, now - alive));
        redis.pexpire(readers, alive * 2);
        return redis.zcard(readers) > 1;
    }

    private void ensureGroup(RedisCommands<String, String> redis) {
        try {
            // "0": a group created after events were written still gets them (the inbox keeps it exactly-once)
            redis.xgroupCreate(
                    XReadArgs.StreamOffset.from(key, "0"), props.group(), XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException alreadyExists) {
            // BUSYGROUP: another replica or an earlier run created it
        }
    }

    private void handle(RedisCommands<String, String> redis, List<StreamMessage<String, String>> batch) {
        if (batch.size() > 1) {
            try {
                process(redis, batch);
                ack(redis, batch);
                return;
            } catch (RuntimeException e) {
                log.debug("batch of {} on {} failed, handling one by one: {}", batch.size(), stream, e.toString());
            }
        }
        for (StreamMessage<String, String> message : batch) {
            try {
                process(redis, List.of(message));
                ack(redis, List.of(message));
                lastErrors.remove(message.getId());
            } catch (RuntimeException e) {
                lastErrors.put(message.getId(), e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()));
                log.warn(
                        "event {} on {} failed; it stays pending for another delivery: {}",
                        message.getId(),
                        stream,
                        e.toString());
            }
        }
    }

    /**
     * Handles {@code messages}; while their handling fails for an outage, waits and handles them again
     * (not counted as a delivery). Throws what fails for another reason, or when the consumer stops.
     */
    private void process(RedisCommands<String, String> redis, List<StreamMessage<String, String>> messages) {
        int failed = 0;
        while (true) {
            try {
                inbox.processBatch(stream, messages);
                if (failed > 0) {
                    log.info("consumer of {} resumed: its dependency is back", stream);
                }
                return;
            } catch (RuntimeException e) {
                if (!running || !Outages.isOutage(e)) {
                    throw e;
                }
                Duration pause = outages.backoff(++failed);
                log.warn(
                        "consumer of {} paused for {} ms, a dependency is unavailable: {}",
                        stream,
                        pause.toMillis(),
                        Outages.describe(e));
                pauseFor(pause);
                keepClaimed(redis, messages);
            }
        }
    }

    /**
     * Resets the entries' idle time, so that no other replica claims them back (which would count a
     * delivery) while this one waits; {@code JUSTID} leaves their delivery count as it is.
     */
    private void keepClaimed(RedisCommands<String, String> redis, List<StreamMessage<String, String>> messages) {
        try {
            redis.xclaim(
                    key,
                    Consumer.from(props.group(), consumerName),
                    XClaimArgs.Builder.justid().minIdleTime(0),
                    messages.stream().map(StreamMessage::getId).toArray(String[]::new));
        } catch (RuntimeException redisDown) {
            // then no other replica can claim them either
        }
    }

    /** Sleeps, but wakes up within 200 ms of {@link #stop()}. */
    private void pauseFor(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        while (running && System.nanoTime() < until) {
            sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    private void ack(RedisCommands<String, String> redis, List<StreamMessage<String, String>> messages) {
        redis.xack(
                key, props.group(), messages.stream().map(StreamMessage::getId).toArray(String[]::new));
    }

    /** Claims back entries idle past {@code reclaim-idle}; dead-letters those delivered too often. */
    void reclaimIfDue(RedisCommands<String, String> redis) {
        if (Instant.now().isBefore(nextReclaim)) {
            return;
        }
        nextReclaim = Instant.now().plus(props.reclaimIdle().dividedBy(2));
        List<PendingMessage> pending = redis.xpending(
                key,
                XPendingArgs.Builder.xpending(props.group(), Range.create("-", "+"), Limit.from(props.batchSize()))
                        .idle(props.reclaimIdle()));
        if (pending.isEmpty()) {
            return;
        }
        List<String> retry = new ArrayList<>();
        for (PendingMessage p : pending) {
            if (p.getRedeliveryCount() >= props.maxDeliveries()) {
                deadLetter(redis, p);
            } else {
                retry.add(p.getId());
            }
        }
        if (!retry.isEmpty()) {
            List<StreamMessage<String, String>> claimed = redis.xclaim(
                    key,
                    Consumer.from(props.group(), consumerName),
                    props.reclaimIdle().toMillis(),
                    retry.toArray(String[]::new));
            if (!claimed.isEmpty()) {
                handle(redis, claimed);
            }
        }
    }

    private void deadLetter(RedisCommands<String, String> redis, PendingMessage p) {
        List<StreamMessage<String, String>> entry = redis.xrange(key, Range.create(p.getId(), p.getId()));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event", entry.isEmpty() ? "" : entry.getFirst().getBody().getOrDefault("event", ""));
        fields.put("stream", stream);
        fields.put("group", props.group());
        fields.put("messageId", p.getId());
        fields.put("deliveries", Long.toString(p.getRedeliveryCount()));
        fields.put("error", lastErrors.getOrDefault(p.getId(), "handler failed or consumer died"));
        fields.put("deadLetteredAt", Instant.now().toString());
        deadLetters.add(redis, fields);
        redis.xack(key, props.group(), p.getId());
        lastErrors.remove(p.getId());
        inbox.countDeadLetter(stream);
        log.error("event {} on {} dead-lettered after {} deliveries", p.getId(), stream, p.getRedeliveryCount());
    }

    private static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
