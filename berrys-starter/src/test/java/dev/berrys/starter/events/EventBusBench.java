package dev.berrys.starter.events;

import dev.berrys.contracts.events.Event;
import dev.berrys.starter.test.BerrysIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Event bus throughput and latency, from the publishing transaction's commit to the consumer's handling,
 * on the local PostgreSQL and Redis. Not part of the test suite (no *Tests/*IT name): run it with
 * {@code benchmarks/event-bus.sh}. Publishers commit small transactions (EVENTS_PER_TX events each) from
 * several threads; a handler records each event's latency.
 */
@BerrysIntegrationTest
@TestPropertySource(
        properties = {
            "spring.application.name=bus-bench",
            "berrys.service.schema=busbench",
            "spring.flyway.locations=classpath:db/bustest,classpath:db/berrys-starter",
            "berrys.events.relay-interval=5ms",
            "spring.datasource.hikari.maximum-pool-size=20",
            "logging.level.root=WARN"
        })
class EventBusBench {
    static final int EVENTS = Integer.getInteger("bench.events", 50_000);
    static final int EVENTS_PER_TX = Integer.getInteger("bench.eventsPerTx", 10);
    static final int PUBLISHERS = Integer.getInteger("bench.publishers", 8);
    /** Offered load in events/s; 0 publishes as fast as it can (a saturation run). */
    static final int RATE = Integer.getInteger("bench.rate", 0);

    static final String STREAM = "berrys.busbench";

    static final long[] latenciesMicros = new long[EVENTS * 2];
    static final AtomicInteger received = new AtomicInteger();
    static volatile CountDownLatch done = new CountDownLatch(EVENTS);

    @Autowired
    EventPublisher publisher;

    @Autowired
    TransactionTemplate tx;

    @Event(type = "bench.ping", stream = STREAM)
    record Ping(int n) {}

    @Test
    void throughputAndLatency() throws Exception {
        warmUp();
        received.set(0);
        done = new CountDownLatch(EVENTS);
        UUID subject = UUID.randomUUID();
        long start = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(PUBLISHERS)) {
            int txs = EVENTS / EVENTS_PER_TX;
            AtomicInteger next = new AtomicInteger();
            for (int p = 0; p < PUBLISHERS; p++) {
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < txs) {
                        int base = i * EVENTS_PER_TX;
                        if (RATE > 0) {
                            long due = start + (long) (base * 1e9 / RATE);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                        }
                        tx.executeWithoutResult(s -> {
                            for (int k = 0; k < EVENTS_PER_TX; k++) {
                                publisher.publish(subject, new Ping(base + k), "bench");
                            }
                        });
                    }
                });
            }
        }
        long published = System.nanoTime();
        if (!done.await(300, TimeUnit.SECONDS)) {
            throw new AssertionError("only " + received.get() + " of " + EVENTS + " events arrived");
        }
        long end = System.nanoTime();
        long[] l = Arrays.copyOf(latenciesMicros, EVENTS);
        Arrays.sort(l);
        double seconds = (end - start) / 1e9;
        System.out.printf(
                "%nEVENT BUS: %d events, %d per transaction, %d publisher threads, offered %s%n"
                        + "  publish rate %.0f events/s; end-to-end throughput %.0f events/s (%.2f s)%n"
                        + "  latency commit->handled: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                EVENTS,
                EVENTS_PER_TX,
                PUBLISHERS,
                RATE > 0 ? RATE + " events/s" : "as fast as possible",
                EVENTS / ((published - start) / 1e9),
                EVENTS / seconds,
                seconds,
                l[(int) (EVENTS * 0.50)] / 1000.0,
                l[(int) (EVENTS * 0.90)] / 1000.0,
                l[(int) (EVENTS * 0.99)] / 1000.0,
                l[EVENTS - 1] / 1000.0);
    }

    private void warmUp() throws InterruptedException {
        done = new CountDownLatch(2_000);
        UUID subject = UUID.randomUUID();
        for (int i = 0; i < 200; i++) {
            int b = i;
            tx.executeWithoutResult(s -> {
                for (int k = 0; k < 10; k++) {
                    publisher.publish(subject, new Ping(b * 10 + k), "bench");
                }
            });
        }
        done.await(60, TimeUnit.SECONDS);
    }

    @SpringBootApplication
    @Import(Handler.class)
    static class BenchApp {}

    static class Handler {
        @OnEvent
        void ping(Ping ping, EventMetadata meta) {
            int i = received.getAndIncrement();
            if (i < latenciesMicros.length) {
                latenciesMicros[i] =
                        Duration.between(meta.time(), Instant.now()).toNanos() / 1000;
            }
            done.countDown();
        }
    }
}
