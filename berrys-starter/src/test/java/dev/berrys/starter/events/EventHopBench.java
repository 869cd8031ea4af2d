package dev.berrys.starter.events;

import dev.berrys.starter.hopbench.HopPublisher;
import dev.berrys.starter.hopbench.HopPublisher.Ping;
import dev.berrys.starter.test.BerrysIntegrationTest;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * One event hop across two JVMs, as between two services: a publisher JVM (started by this test, with its own
 * schema, outbox and relay) commits one event per transaction at a steady rate; this JVM's consumer handles
 * them. Latency is from the event's time (set inside the publishing transaction) to the handler, on the same
 * clock. Both sides run the production event-bus settings (relay safety poll, read block). Not part of the test
 * suite (no *Tests/*IT name): run it with {@code benchmarks/event-hop.sh}.
 */
@BerrysIntegrationTest
@TestPropertySource(
        properties = {
            "spring.application.name=hop-consumer",
            "berrys.service.schema=hopconsumer",
            "spring.flyway.locations=classpath:db/berrys-starter",
            "berrys.events.relay-interval=5s",
            "berrys.events.reclaim-idle=10s",
            "logging.level.root=WARN"
        })
class EventHopBench {
    static final int EVENTS = Integer.getInteger("bench.events", 3_000);
    static final int RATE = Integer.getInteger("bench.rate", 100);
    static final int WARMUP = Integer.getInteger("bench.warmup", 300);
    static final String NAMESPACE = "hop-" + UUID.randomUUID() + ":";

    static final long[] latenciesMicros = new long[EVENTS];
    static final AtomicInteger measured = new AtomicInteger();
    static final CountDownLatch done = new CountDownLatch(WARMUP + EVENTS);

    @Autowired
    Environment env;

    @DynamicPropertySource
    static void namespace(DynamicPropertyRegistry registry) {
        registry.add("berrys.events.namespace", () -> NAMESPACE);
    }

    @Test
    void oneHopAcrossTwoJvms() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                "-Dbench.events=" + EVENTS,
                "-Dbench.rate=" + RATE,
                "-Dbench.warmup=" + WARMUP,
                HopPublisher.class.getName(),
                env.getRequiredProperty("spring.datasource.url"),
                NAMESPACE));
        Process publisher = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/event-hop-publisher.log"))
                .start();
        try {
            if (!done.await(120 + (WARMUP + EVENTS) / Math.max(1, RATE), TimeUnit.SECONDS)) {
                throw new AssertionError("only " + measured.get() + " of " + EVENTS
                        + " measured events arrived; see target/event-hop-publisher.log");
            }
        } finally {
            publisher.destroy();
        }
        long[] l = Arrays.copyOf(latenciesMicros, EVENTS);
        Arrays.sort(l);
        System.out.printf(
                "%nEVENT HOP: %d events at %d events/s (one per transaction), publisher and consumer in two JVMs%n"
                        + "  commit->handled: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                EVENTS,
                RATE,
                l[(int) (EVENTS * 0.50)] / 1000.0,
                l[(int) (EVENTS * 0.90)] / 1000.0,
                l[(int) (EVENTS * 0.99)] / 1000.0,
                l[EVENTS - 1] / 1000.0);
    }

    @SpringBootApplication
    @Import(Handler.class)
    static class ConsumerApp {}

    static class Handler {
        @OnEvent
        void ping(Ping ping, EventMetadata meta) {
            if (!ping.warmUp()) {
                int i = measured.getAndIncrement();
                if (i < latenciesMicros.length) {
                    latenciesMicros[i] =
                            Duration.between(meta.time(), Instant.now()).toNanos() / 1000;
                }
            }
            done.countDown();
        }
    }
}
