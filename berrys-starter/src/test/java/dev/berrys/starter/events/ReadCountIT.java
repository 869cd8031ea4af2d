package dev.berrys.starter.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.starter.test.BerrysIntegrationTest;
import dev.berrys.starter.test.RedisNamespace;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.test.context.TestPropertySource;

/**
 * A consumer with a small {@code read-count} takes that many entries per read only while another replica's
 * consumer reads the stream too; alone it takes a whole batch (one transaction for a burst, not one per entry).
 */
@BerrysIntegrationTest
@TestPropertySource(
        properties = {
            "spring.application.name=readcount-test",
            "berrys.service.schema=bustest",
            "spring.flyway.locations=classpath:db/bustest,classpath:db/berrys-starter",
            "berrys.events.enabled=false"
        })
class ReadCountIT {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("readcount-");

    @Autowired
    EventBusProperties defaults;

    RedisCommands<String, String> sync;

    @BeforeEach
    void connect() {
        sync = redis.sync();
    }

    @Test
    void aConsumerAloneTakesAWholeBatchAndSharesOnceAnotherReplicaReads() {
        var props = props(1);
        String key = props.key("berrys.other");
        sync.xgroupCreate(XReadArgs.StreamOffset.from(key, "0"), props.group(), XGroupCreateArgs.Builder.mkstream());
        var consumer =
                new StreamConsumer("berrys.other", props, "replica-1", redis.client()::connect, null, null, null);
        var other = new StreamConsumer("berrys.other", props, "replica-2", redis.client()::connect, null, null, null);
        Instant now = Instant.now();

        assertThat(consumer.readCount(sync, now)).as("alone").isEqualTo(props.batchSize());
        assertThat(consumer.readCount(sync, now))
                .as("its own mark does not count")
                .isEqualTo(props.batchSize());

        assertThat(other.readCount(sync, now)).as("replica-1 reads").isEqualTo(1);
        assertThat(consumer.readCount(sync, now.plusMillis(100)))
                .as("looked again only after %s", StreamConsumer.PEER_CHECK)
                .isEqualTo(props.batchSize());
        assertThat(consumer.readCount(sync, now.plus(StreamConsumer.PEER_CHECK)))
                .as("replica-2 reads too")
                .isEqualTo(1);

        // replica-2 stops marking itself (it died): once its mark is older than a read's time plus slack, alone
        String readers = key + ".readers." + props.group();
        sync.zadd(readers, System.currentTimeMillis() - 60_000, "replica-2");
        assertThat(consumer.readCount(sync, now.plus(StreamConsumer.PEER_CHECK.multipliedBy(2))))
                .as("replica-2 gone")
                .isEqualTo(props.batchSize());
    }

    @Test
    void withoutASmallReadCountEveryReadTakesAWholeBatch() {
        var props = props(0);
        var consumer =
                new StreamConsumer("berrys.other", props, "replica-1", redis.client()::connect, null, null, null);
        assertThat(consumer.readCount(sync, Instant.now())).isEqualTo(props.batchSize());
    }

    private EventBusProperties props(int readCount) {
        var d = defaults;
        return new EventBusProperties(
                d.stream(),
                d.group(),
                d.consumerName(),
                d.maxDeliveries(),
                d.reclaimIdle(),
                d.relayInterval(),
                d.batchSize(),
                d.retention(),
                d.enabled(),
                d.deadLetterStream(),
                redis.namespace(),
                d.trimInterval(),
                d.streamMaxAge(),
                d.streamMaxLength(),
                d.deadLetterMaxLength(),
                d.platformTenant(),
                d.readBlock(),
                readCount);
    }

    @SpringBootApplication
    static class ReadCountTestApp {}
}
