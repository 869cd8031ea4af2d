package dev.berrys.starter.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.contracts.events.Event;
import dev.berrys.starter.test.BerrysIntegrationTest;
import dev.berrys.starter.test.RedisNamespace;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay is woken by commits, not by its poll: here every relay's safety poll is a minute long, so an event
 * relayed within seconds was relayed because a wake-up reached it. The context's own relay and consumers are
 * off ({@code berrys.events.enabled=false}); each test builds the relays it needs on the same outbox, as the
 * replicas of one service would be.
 */
@BerrysIntegrationTest
@TestPropertySource(
        properties = {
            "spring.application.name=wake-test",
            "berrys.service.schema=waketest",
            "spring.flyway.locations=classpath:db/bustest,classpath:db/berrys-starter",
            "berrys.events.enabled=false"
        })
class OutboxWakeIT {
    static final Duration SAFETY_POLL = Duration.ofMinutes(1);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("wake-");

    @Autowired
    JsonMapper json;

    @Autowired
    EventBusProperties defaults;

    private final List<OutboxRelay> relays = new ArrayList<>();

    @Event(type = "note.written", stream = "berrys.waketest")
    record Note(UUID marker) {}

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
    }

    @Test
    void aCommitDuringARelayPassIsRelayedRightAfterItNotAtTheNextPoll() {
        var props = props();
        UUID during = UUID.randomUUID();
        AtomicBoolean committedDuringThePass = new AtomicBoolean();
        EventPublisher[] publisher = new EventPublisher[1];
        // the relay opens its Redis connection in its first pass with rows, after it selected them: commit
        // another event right then, so that its wake-up arrives while the pass runs
        Supplier<StatefulRedisConnection<String, String>> connections = () -> {
            boolean relayPass = Thread.currentThread().getName().equals("berrys-outbox-relay");
            if (relayPass && committedDuringThePass.compareAndSet(false, true)) {
                Thread t = Thread.ofPlatform().start(() -> publish(publisher[0], during));
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return redis.client().connect();
        };
        OutboxRelay relay = relay(props, connections);
        publisher[0] = publisher(props, relay);
        relay.start();

        UUID first = UUID.randomUUID();
        publish(publisher[0], first);

        await().atMost(Duration.ofSeconds(5)).until(() -> sent(first));
        assertThat(committedDuringThePass).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> sent(during));
    }

    @Test
    void aCommitInAReplicaWhoseRelayIsOffWakesTheRelayOfAnother() {
        // replica A publishes, but its relay is off (berrys.events.enabled=false) ...
        OutboxRelay relayA = relay(props(false), redis.client()::connect);
        EventPublisher publisherA = publisher(props(false), relayA);
        relayA.start();
        // ... replica B's relay is idle, parked for a minute
        OutboxRelay relayB = relay(props(), redis.client()::connect);
        relayB.start();
        UUID marker = UUID.randomUUID();
        // let B make its first pass and settle into its long park
        sleep(500);

        publish(publisherA, marker);

        await().atMost(Duration.ofSeconds(5)).until(() -> sent(marker));
    }

    @Test
    void withoutAWakeUpTheRelayWaitsForItsPoll() {
        // the control: the same idle relay B, a row committed without going through a publisher
        var props = props();
        OutboxRelay relayB = relay(props, redis.client()::connect);
        relayB.start();
        sleep(500);
        UUID marker = UUID.randomUUID();
        jdbc.update(
                "insert into outbox_event (id, stream, type, envelope) values (?, ?, ?, ?)",
                marker,
                props.stream(),
                "note.written",
                "{\"marker\":\"" + marker + "\"}");

        sleep(2_000);
        assertThat(sent(marker)).isFalse();
        relayB.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> sent(marker));
    }

    private void publish(EventPublisher publisher, UUID marker) {
        tx.executeWithoutResult(s -> publisher.publish(marker, new Note(marker), "t1"));
    }

    private boolean sent(UUID marker) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select coalesce(bool_and(sent_at is not null), false) from outbox_event where envelope like ?",
                Boolean.class,
                "%" + marker + "%"));
    }

    private OutboxRelay relay(EventBusProperties props, Supplier<StatefulRedisConnection<String, String>> c) {
        var relay = new OutboxRelay(jdbc, tx, c, redis.client()::connectPubSub, props, null);
        relays.add(relay);
        return relay;
    }

    private EventPublisher publisher(EventBusProperties props, OutboxRelay relay) {
        return new EventPublisher(jdbc, json, props, new TraceHeaders(null, null), relay);
    }

    /** The context's settings with a safety poll of a minute. */
    private EventBusProperties props() {
        return props(true);
    }

    private EventBusProperties props(boolean relayOn) {
        return redis.props(defaults).withRelay(relayOn, SAFETY_POLL);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SpringBootApplication
    static class WakeApp {}
}
