package dev.berrys.starter.events;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
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
 */
final class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Supplier<StatefulRedisConnection<String, String>> connections;
    private final EventBusProperties props;
    private final @Nullable Counter published;
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean running;
    private volatile @Nullable Thread worker;
    private @Nullable StatefulRedisConnection<String, String> connection;
    private Instant nextCleanup = Instant.now();

    OutboxRelay(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            Supplier<StatefulRedisConnection<String, String>> connections,
            EventBusProperties props,
            @Nullable MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.connections = connections;
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

    /** Called after a publishing transaction commits, so the relay does not wait for its next poll. */
    void wake() {
        Thread t = worker;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void start() {
        running = true;
        if (!props.enabled()) {
            return;
        }
        worker = Thread.ofPlatform().name("berrys-outbox-relay").daemon().start(this::loop);
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
        if (connection != null) {
            connection.close();
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
                int relayed = relayOnce();
                backoffMs = 0;
                cleanupIfDue();
                if (relayed < props.batchSize()) {
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
