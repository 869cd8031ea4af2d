package dev.berrys.starter.events;

import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event bus settings. {@code stream} and {@code group} default from the service's schema and name.
 *
 * @param stream the stream this service publishes to
 * @param group this service's consumer group on every stream it reads
 * @param consumerName this replica's consumer name (unique per replica)
 * @param maxDeliveries deliveries after which an event moves to the dead-letter stream
 * @param reclaimIdle how long an entry stays pending before another consumer claims it back
 * @param relayInterval how often the relay polls the outbox when nothing wakes it
 * @param batchSize entries read or relayed at once
 * @param retention how long relayed outbox rows and inbox rows are kept
 * @param enabled false turns the relay and the consumers off (publishing still writes the outbox)
 * @param deadLetterStream where events go after {@code maxDeliveries}
 * @param namespace a prefix of every Redis key, so that test runs and stacks sharing one Redis stay apart
 */
@ConfigurationProperties("berrys.events")
public record EventBusProperties(
        String stream,
        String group,
        @Nullable String consumerName,
        @DefaultValue("5") int maxDeliveries,
        @DefaultValue("10s") Duration reclaimIdle,
        @DefaultValue("200ms") Duration relayInterval,
        @DefaultValue("256") int batchSize,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("berrys.deadletter") String deadLetterStream,
        @DefaultValue("") String namespace) {

    /** The Redis key of a stream: the namespace (empty in production; tests and benchmarks set one) plus its name. */
    public String key(String stream) {
        return namespace + stream;
    }

    /** This replica's consumer name: the configured one, else host name plus a random suffix. */
    public String consumerNameOrDefault() {
        if (consumerName != null && !consumerName.isBlank()) {
            return consumerName;
        }
        String host = System.getenv().getOrDefault("HOSTNAME", "local");
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
