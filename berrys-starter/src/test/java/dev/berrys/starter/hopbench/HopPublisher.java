package dev.berrys.starter.hopbench;

import dev.berrys.contracts.events.Event;
import dev.berrys.starter.events.EventPublisher;
import dev.berrys.starter.test.TestSecurityConfiguration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The publishing JVM of {@code EventHopBench}: {@code HopPublisher <database url> <namespace>} commits one event per
 * transaction at {@code bench.rate} events/s, the first {@code bench.warmup} marked as warm-up.
 */
public final class HopPublisher {
    /** The event of the hop, shared by both JVMs. */
    @Event(type = "hop.ping", stream = "berrys.hoppublisher")
    public record Ping(int n, boolean warmUp) {}

    private HopPublisher() {}

    public static void main(String[] args) {
        // system properties: they outrank the service defaults the starter puts in place
        String[] settings = {
            "spring.application.name=hop-publisher",
            "berrys.service.schema=hoppublisher",
            "spring.flyway.locations=classpath:db/berrys-starter",
            "spring.datasource.url=" + args[0],
            "berrys.events.namespace=" + args[1],
            "server.port=0",
            "BERRYS_LOG_FORMAT=plain",
            "logging.level.root=WARN"
        };
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            System.setProperty(setting.substring(0, eq), setting.substring(eq + 1));
        }
        var context = new SpringApplicationBuilder(PublisherApp.class).run();
        EventPublisher publisher = context.getBean(EventPublisher.class);
        TransactionTemplate tx = context.getBean(TransactionTemplate.class);
        UUID subject = UUID.randomUUID();
        int warmUp = Integer.getInteger("bench.warmup", 300);
        int total = warmUp + Integer.getInteger("bench.events", 3_000);
        int rate = Integer.getInteger("bench.rate", 100);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int n = i;
            tx.executeWithoutResult(s -> publisher.publish(subject, new Ping(n, n < warmUp), "bench"));
        }
        // the consumer ends this process once it has every event
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(60));
        context.close();
    }

    @SpringBootApplication
    @Import(TestSecurityConfiguration.class)
    static class PublisherApp {}
}
