package dev.berrys.starter.events;

import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event bus settings. {@code stream} and {@code group} default from the service's schema and name.
 *
 * @param stream the stream this service publishes to
 * @param group this service's consumer group on every stream it reads
 * @param consumerName this replica's consumer name (unique per replica); unset: its {@code InstanceId}
 * @param maxDeliveries deliveries after which an event moves to the dead-letter stream
 * @param reclaimIdle how long an entry stays pending before another consumer claims it back
 * @param relayInterval the relay's safety poll: how often it looks at the outbox when no commit woke it (a commit
 *     wakes it at once, in its own JVM directly and in the service's other replicas through Redis)
 * @param batchSize entries read or relayed at once
 * @param retention how long relayed outbox rows and inbox rows are kept
 * @param enabled false turns the relay and the consumers off (publishing still writes the outbox)
 * @param deadLetterStream where events go after {@code maxDeliveries}
 * @param namespace a prefix of every Redis key, so that test runs and stacks sharing one Redis stay apart
 * @param trimInterval how often this service trims its stream of what every consumer group has passed (0: never)
 * @param streamMaxAge the safety net: entries older than this are trimmed even if a group has not read them
 * @param streamMaxLength the safety net: the stream keeps at most about this many entries
 * @param deadLetterMaxLength dead letters kept, in all and per tenant; the oldest are dropped
 * @param platformTenant the tenant that runs the platform: it sees the dead letters no tenant can be read from
 * @param readBlock how long a consumer's read waits on Redis for new entries (a new entry ends the wait at once);
 *     the wait never outlasts the next reclaim of idle entries
 * @param readCount entries a consumer takes from a stream in one read while another replica's consumer reads it
 *     too; 0: {@code batchSize}. A small count lets the replicas of a service share a burst (a replica that reads a
 *     whole batch starts all of its work); a consumer that is the group's only one reading takes a whole batch
 */
@ConfigurationProperties("berrys.events")
public record EventBusProperties(
        String stream,
        String group,
        @Nullable String consumerName,
        @DefaultValue("5") int maxDeliveries,
        @DefaultValue("10s") Duration reclaimIdle,
        @DefaultValue("5s") Duration relayInterval,
        @DefaultValue("256") int batchSize,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("berrys.deadletter") String deadLetterStream,
        @DefaultValue("") String namespace,
        @DefaultValue("1m") Duration trimInterval,
        @DefaultValue("7d") Duration streamMaxAge,
        @DefaultValue("1000000") long streamMaxLength,
        @DefaultValue("10000") long deadLetterMaxLength,
        @DefaultValue("default") String platformTenant,
        @DefaultValue("5s") Duration readBlock,
        @DefaultValue("0") int readCount) {

    /** Entries a consumer takes from a stream in one read. */
    public int readCountOrBatch() {
        return readCount > 0 ? readCount : batchSize;
    }

    /** The Redis key of a stream: the namespace (empty in production; tests and benchmarks set one) plus its name. */
    public String key(String stream) {
        return namespace + stream;
    }

    /** The Redis key of {@code tenant}'s dead letters: the same entries (and ids) as the dead-letter stream. */
    public String deadLetterKey(String tenant) {
        return key(deadLetterStream + ".tenant." + tenant);
    }

    /** The Redis pub/sub channel on which this service's replicas wake each other's relay after a commit. */
    public String relayWakeChannel() {
        return key(stream + ".relay-wake");
    }

    /** This replica's consumer name: the configured one, else the replica's instance id. */
    public String consumerNameOr(String instanceId) {
        return consumerName != null && !consumerName.isBlank() ? consumerName : instanceId;
    }

    /** These settings with the relay and the consumers on or off, and another safety poll of the relay. */
    public EventBusProperties withRelay(boolean enabled, Duration relayInterval) {
        return copy(c -> {
            c.enabled = enabled;
            c.relayInterval = relayInterval;
        });
    }

    /** These settings with another Redis key prefix. */
    public EventBusProperties withNamespace(String namespace) {
        return copy(c -> c.namespace = namespace);
    }

    /** These settings with other trimming: how often (0: never), and the stream's and dead letters' limits. */
    public EventBusProperties withTrimming(
            Duration trimInterval, Duration streamMaxAge, long streamMaxLength, long deadLetterMaxLength) {
        return copy(c -> {
            c.trimInterval = trimInterval;
            c.streamMaxAge = streamMaxAge;
            c.streamMaxLength = streamMaxLength;
            c.deadLetterMaxLength = deadLetterMaxLength;
        });
    }

    private EventBusProperties copy(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The components of a copy while one of them is changed (one place that lists them all, in order). */
    private static final class Copy {
        private final EventBusProperties p;
        private Duration relayInterval;
        private boolean enabled;
        private String namespace;
        private Duration trimInterval;
        private Duration streamMaxAge;
        private long streamMaxLength;
        private long deadLetterMaxLength;

        private Copy(EventBusProperties p) {
            this.p = p;
            this.relayInterval = p.relayInterval;
            this.enabled = p.enabled;
            this.namespace = p.namespace;
            this.trimInterval = p.trimInterval;
            this.streamMaxAge = p.streamMaxAge;
            this.streamMaxLength = p.streamMaxLength;
            this.deadLetterMaxLength = p.deadLetterMaxLength;
        }

        private EventBusProperties build() {
            return new EventBusProperties(
                    p.stream,
                    p.group,
                    p.consumerName,
                    p.maxDeliveries,
                    p.reclaimIdle,
                    relayInterval,
                    p.batchSize,
                    p.retention,
                    enabled,
                    p.deadLetterStream,
                    namespace,
                    trimInterval,
                    streamMaxAge,
                    streamMaxLength,
                    deadLetterMaxLength,
                    p.platformTenant,
                    p.readBlock,
                    p.readCount);
        }
    }
}
