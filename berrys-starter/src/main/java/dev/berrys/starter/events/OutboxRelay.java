package dev.berrys.starter.events;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed outbox rows to Redis. Rows are locked with {@code FOR UPDATE SKIP LOCKED}, so several
 * replicas relay disjoint batches; a row is marked sent in the same transaction that locked it, after
 * Redis accepted every entry of the batch. A crash between the two sends the batch again, which the
 * consumers' inbox absorbs.
 *
 * <p>The relay does not poll for work: a commit that wrote outbox rows wakes it at once ({@link #committed()}),
 * and announces itself on a Redis channel so that the relays of the service's other replicas wake too. A wake-up
 * that arrives while a pass runs is kept and starts another pass right after it, so none is lost. {@code relay-interval} is only the safety poll, for a wake-up that never came (Redis unreachable when the
 * commit announced itself, a row written by hand): an idle service does next to nothing.
 */
final class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Supplier<StatefulRedisConnection<String, String>> connections;
    private final Supplier<StatefulRedisPubSubConnection<String, String>> pubSubConnections;
    /** Tells this replica's own announcements from the others': it has already woken its relay directly. */
    private final String instance = UUID.randomUUID().toString();

    private final EventBusProperties props;
    private final @Nullable Counter published;
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean running;
    /**
     * Set by a wake-up, cleared when a pass begins: a wake-up during a pass starts another one. The parking
     * permit alone would not do: waiting on Redis in a pass parks the thread too and can use it up.
     */
    private final AtomicBoolean wakeRequested = new AtomicBoolean();

    private volatile @Nullable Thread worker;
    private @Nullable StatefulRedisConnection<String, String> connection;
    private volatile @Nullable StatefulRedisConnection<String, String> announcer;
    private volatile @Nullable StatefulRedisPubSubConnection<String, String> listener;
    private Instant nextCleanup = Instant.now();

    OutboxRelay(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            Supplier<StatefulRedisConnection<String, String>> connections,
            Supplier<StatefulRedisPubSubConnection<String, String>> pubSubConnections,
            EventBusProperties props,
            @Nullable MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.connections = connections;
        this.pubSubConnections = pubSubConnections;
        this.props = props;
        this.published = meters == null
                ? null
                : Counter.builder("berrys.events.published")
                        .description("Events relayed from the outbox to Redis")
                        .register(meters);
        if (meters != null) {
            Gauge.builder("berrys.outbox.pending", pending, AtomicLong::get)
                    .description("Outbox rows not yet relayed, as of the last relay pass")
                    .register(meters);
        }
    }

    /**
     * Called after a transaction that wrote outbox rows committed (never before: the rows must be visible when
     * a relay looks): wakes this replica's relay and, through Redis, the other replicas' relays.
     */
    void committed() {
        wake();
        announce();
    }

    /** Starts a relay pass now, or right after the one running. */
    void wake() {
        wakeRequested.set(true);
        Thread t = worker;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Fire and forget, never blocking the committing thread: without an open connection (Redis down, or not
     * connected yet) it announces nothing, and the other replicas find the rows at their safety poll.
     */
    private void announce() {
        StatefulRedisConnection<String, String> c = announcer;
        // a disconnected connection would queue the command in memory until Redis is back: skip it
        if (c != null && c.isOpen()) {
            try {
                c.async().publish(props.relayWakeChannel(), instance);
            } catch (RuntimeException e) {
                log.debug("could not announce an outbox commit to other replicas: {}", e.toString());
            }
        }
    }

    /** Opens the connection announcements go through, outside any committing thread. */
    private void openAnnouncer() {
        if (announcer != null) {
            return;
        }
        try {
            announcer = connections.get();
        } catch (RuntimeException e) {
            log.debug("no connection to announce outbox commits yet: {}", e.toString());
        }
    }

    @Override
    public void start() {
        running = true;
        // a replica whose relay is off still publishes, and wakes the relays of the others
        openAnnouncer();
        if (!props.enabled()) {
            return;
        }
        worker = Thread.ofPlatform().name("berrys-outbox-relay").daemon().start(this::loop);
        listen();
    }

    /** Wakes this relay when another replica of the service announces a commit. */
    private void listen() {
        try {
            StatefulRedisPubSubConnection<String, String> c = pubSubConnections.get();
            c.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    if (!instance.equals(message)) {
                        wake();
                    }
                }
            });
            // the client subscribes again by itself after a reconnect
            c.sync().subscribe(props.relayWakeChannel());
            listener = c;
        } catch (RuntimeException e) {
            log.warn(
                    "outbox relay not listening for other replicas' commits (it polls every {} instead): {}",
                    props.relayInterval(),
                    e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(listener);
        listener = null;
        closeQuietly(announcer);
        announcer = null;
        closeQuietly(connection);
        connection = null;
    }

    private static void closeQuietly(io.lettuce.core.api.@Nullable StatefulConnection<?, ?> c) {
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        long backoffMs = 0;
        while (running) {
            try {
                openAnnouncer();
                // cleared before the pass reads the outbox: a commit it cannot see sets it again
                wakeRequested.set(false);
                int relayed = relayOnce();
                backoffMs = 0;
                cleanupIfDue();
                if (relayed < props.batchSize() && !wakeRequested.get()) {
                    // a wake-up from here on leaves a permit, so this returns at once
                    LockSupport.parkNanos(props.relayInterval().toNanos());
                }
            } catch (RuntimeException e) {
                backoffMs = Math.min(5_000, Math.max(100, backoffMs * 2));
                log.warn("outbox relay pass failed, retrying in {} ms: {}", backoffMs, e.toString());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMs));
            }
        }
    }

    /** Relays one batch; returns how many rows it sent. */
    int relayOnce() {
        Integer sent = tx.execute(status -> {
            List<Row> rows = jdbc.query(
                    "select id, stream, envelope from outbox_event where sent_at is null"
                            + " order by seq limit ? for update skip locked",
                    (rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)),
                    props.batchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            RedisAsyncCommands<String, String> redis = connection().async();
            List<RedisFuture<String>> futures = new ArrayList<>(rows.size());
            for (Row row : rows) {
                futures.add(redis.xadd(props.key(row.stream()), Map.of("event", row.envelope())));
            }
            if (!LettuceFutures.awaitAll(Duration.ofSeconds(10), futures.toArray(new RedisFuture<?>[0]))) {
                throw new IllegalStateException("Redis did not accept the batch in time");
            }
            UUID[] ids = rows.stream().map(Row::id).toArray(UUID[]::new);
            jdbc.update(con -> {
                var ps = con.prepareStatement("update outbox_event set sent_at = now() where id = any(?)");
                ps.setArray(1, con.createArrayOf("uuid", ids));
                return ps;
            });
            return rows.size();
        });
        int n = sent == null ? 0 : sent;
        if (published != null && n > 0) {
            published.increment(n);
        }
        return n;
    }

    private void cleanupIfDue() {
        if (Instant.now().isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = Instant.now().plusSeconds(60);
        long cutoffSeconds = props.retention().toSeconds();
        jdbc.update("delete from outbox_event where sent_at < now() - make_interval(secs => ?)", cutoffSeconds);
        jdbc.update("delete from inbox_event where received_at < now() - make_interval(secs => ?)", cutoffSeconds);
        Long unsent = jdbc.queryForObject("select count(*) from outbox_event where sent_at is null", Long.class);
        pending.set(unsent == null ? 0 : unsent);
    }

    private StatefulRedisConnection<String, String> connection() {
        if (connection == null || !connection.isOpen()) {
            connection = connections.get();
        }
        return connection;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private record Row(UUID id, String stream, String envelope) {}
}
