package dev.berrys.starter.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.contracts.events.Event;
import dev.berrys.starter.calls.OutagePolicy;
import dev.berrys.starter.test.BerrysIntegrationTest;
import dev.berrys.starter.test.TestEvents;
import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XReadArgs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@BerrysIntegrationTest
@TestPropertySource(
        properties = {
            "spring.application.name=bus-test",
            "berrys.service.schema=bustest",
            "spring.flyway.locations=classpath:db/bustest,classpath:db/berrys-starter",
            "berrys.events.max-deliveries=3",
            // the tests count entries on the stream: no trimming under them (StreamTrimIT tests it)
            "berrys.events.trim-interval=0",
            "berrys.outage.first-backoff=100ms",
            "berrys.outage.max-backoff=300ms"
        })
class EventBusIT {
    static final String STREAM = "berrys.bustest";

    @Autowired
    EventPublisher publisher;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RedisClient redis;

    @Autowired
    EventBusProperties props;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    Handlers handlers;

    @Autowired
    EventConsumers consumers;

    @Autowired
    EventHandlers eventHandlers;

    @Autowired
    TraceHeaders trace;

    @Autowired
    JsonMapper json;

    @Autowired
    OutagePolicy outages;

    @Event(type = "note.written", stream = STREAM)
    record Note(UUID marker, String text) {}

    @Event(type = "note.counted", stream = STREAM)
    record CountedNote(UUID marker, String text) {}

    @Event(type = "note.poison", stream = STREAM)
    record PoisonNote(UUID marker, String text) {}

    /**
     * A second replica in the same process: its own relay over the same outbox and its own consumer, under
     * another name, in the same consumer group. Every event is relayed once and handled once, and the second
     * replica's consumer takes a share.
     */
    @Test
    void twoReplicasShareTheOutboxAndTheConsumerGroupAndEachEventTakesEffectOnce() throws InterruptedException {
        var secondMeters = new SimpleMeterRegistry();
        var secondRelay = new OutboxRelay(jdbc, tx, redis::connect, redis::connectPubSub, props, secondMeters);
        var secondInbox = new InboxProcessor(jdbc, tx, json, eventHandlers, trace, props.group(), secondMeters);
        var second = new EventConsumers(
                eventHandlers, props, redis::connect, secondInbox, deadLetters, outages, "replica-b");
        secondRelay.start();
        second.start();
        try {
            UUID run = UUID.randomUUID();
            String firstId = (System.currentTimeMillis() - 1) + "-0";
            int total = 2_000;
            for (int batch = 0; batch < total / 50; batch++) {
                int b = batch;
                tx.executeWithoutResult(status -> {
                    for (int i = 0; i < 50; i++) {
                        publisher.publish(run, new CountedNote(run, "n" + (b * 50 + i)), "t1");
                    }
                });
                Thread.sleep(10);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> effects(run) >= total);
            waitForQuiet();

            assertThat(effects(run)).isEqualTo(total);
            try (var connection = redis.connect()) {
                long relayed = connection.sync().xrange(props.key(STREAM), Range.create(firstId, "+")).stream()
                        .filter(m -> m.getBody().getOrDefault("event", "").contains(run.toString()))
                        .count();
                assertThat(relayed)
                        .as("entries on the stream: no relay sent a row twice")
                        .isEqualTo(total);
            }
            assertThat(secondMeters.find("berrys.events.consumed").counters())
                    .as("the second replica's consumer handled a share")
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c.count()).isPositive());
        } finally {
            second.stop();
            secondRelay.stop();
        }
    }

    /** As a service's tests put another service's event on its stream: the stream and type come from the payload. */
    @Test
    void anEventPutOnItsStreamByTestEventsIsHandledAsItsPayloadDeclares() {
        UUID marker = UUID.randomUUID();

        new TestEvents(redis, props, json).publish(marker, new Note(marker, "from TestEvents"), "t1");

        await().atMost(Duration.ofSeconds(10)).until(() -> effects(marker) == 1);
        assertThat(new TestEvents(redis, props, json).read(STREAM)).anySatisfy(e -> {
            assertThat(e.path("type").asString()).isEqualTo("note.written");
            assertThat(e.path("data").path("marker").asString()).isEqualTo(marker.toString());
        });
    }

    @Test
    void aPublishInsideATransactionThatRollsBackSendsNothing() throws InterruptedException {
        UUID marker = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            publisher.publish(marker, new Note(marker, "never"), "t1");
            status.setRollbackOnly();
        });
        UUID control = publishNote("after the rollback");

        await().atMost(Duration.ofSeconds(10)).until(() -> effects(control) == 1);
        assertThat(effects(marker)).isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox_event where envelope like ?", Long.class, "%" + marker + "%"))
                .isZero();
    }

    @Test
    void aHandlerThatFailsMidWayGetsTheEventAgainAndItsEffectHappensOnce() {
        UUID marker = UUID.randomUUID();
        handlers.failOnce.add(marker);
        publishNote(marker, "fails the first time");

        await().atMost(Duration.ofSeconds(15)).until(() -> effects(marker) >= 1);
        assertThat(handlers.attempts.get(marker)).isGreaterThanOrEqualTo(2);
        waitForQuiet();
        assertThat(effects(marker)).isEqualTo(1);
    }

    @Test
    void anEventReadByAConsumerThatDiedIsClaimedBackAndHandledOnce() {
        consumers.stop();
        try (var connection = redis.connect()) {
            var sync = connection.sync();
            UUID marker = publishNote("read by a replica that died");
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxSent(marker));
            // another replica reads the entry and dies without acknowledging it
            var stolen = sync.xreadgroup(
                    Consumer.from(props.group(), "dead-replica"),
                    XReadArgs.Builder.count(1000),
                    XReadArgs.StreamOffset.lastConsumed(props.key(STREAM)));
            assertThat(stolen).anyMatch(m -> m.getBody().get("event").contains(marker.toString()));
            consumers.start();

            await().atMost(Duration.ofSeconds(15)).until(() -> effects(marker) == 1);
            waitForQuiet();
            assertThat(effects(marker)).isEqualTo(1);
        } finally {
            if (!consumers.isRunning()) {
                consumers.start();
            }
        }
    }

    @Test
    void theSameEventDeliveredTwiceTakesEffectOnce() {
        UUID marker = UUID.randomUUID();
        publishNote(marker, "delivered twice");
        await().atMost(Duration.ofSeconds(10)).until(() -> effects(marker) == 1);
        String envelope = jdbc.queryForObject(
                "select envelope from outbox_event where envelope like ?", String.class, "%" + marker + "%");
        try (var connection = redis.connect()) {
            connection.sync().xadd(props.key(STREAM), java.util.Map.of("event", envelope));
        }
        waitForQuiet();
        assertThat(effects(marker)).isEqualTo(1);
    }

    @Test
    void aPoisonEventLandsInTheDeadLetterStreamAfterMaxDeliveries() {
        UUID marker = UUID.randomUUID();
        tx.executeWithoutResult(status -> publisher.publish(marker, new PoisonNote(marker, "poison"), "t1"));

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.list(100).stream()
                .anyMatch(d -> d.event().contains(marker.toString())));
        var letter = deadLetters.list(100).stream()
                .filter(d -> d.event().contains(marker.toString()))
                .findFirst()
                .orElseThrow();
        assertThat(letter.deliveries()).isGreaterThanOrEqualTo(props.maxDeliveries());
        assertThat(letter.group()).isEqualTo("bus-test");
        assertThat(letter.stream()).isEqualTo(STREAM);
        assertThat(letter.error()).contains("poisoned");
        assertThat(letter.tenant()).isEqualTo("t1");
        assertThat(deadLetters.list("t1", 0, 50).content())
                .extracting(DeadLetters.DeadLetter::id)
                .contains(letter.id());
        assertThat(deadLetters.list("another-tenant", 0, 50).content()).isEmpty();
        assertThat(handlers.attempts.get(marker)).isEqualTo(props.maxDeliveries());
        assertThat(effects(marker)).isZero();
    }

    @Test
    void deadLettersFromBeforePerTenantStreamsReachTheirTenantAndUnreadableOnesOnlyThePlatform() {
        String a = "legacy-a-" + UUID.randomUUID();
        String b = "legacy-b-" + UUID.randomUUID();
        String all = props.key(props.deadLetterStream());
        String a1;
        String garbage;
        String b1;
        try (var connection = redis.connect()) {
            var sync = connection.sync();
            // as the stream of them all held letters before per-tenant streams: no tenant field
            a1 = sync.xadd(all, java.util.Map.of("event", "{\"tenant\":\"" + a + "\",\"type\":\"x\"}", "group", "g"));
            garbage = sync.xadd(all, java.util.Map.of("event", "not json " + a, "group", "g"));
            b1 = sync.xadd(all, java.util.Map.of("event", "{\"tenant\":\"" + b + "\"}", "group", "g"));
        }
        String a2 = deadLetters.add(java.util.Map.of("event", "{\"tenant\":\"" + a + "\"}", "group", "g"));

        assertThat(deadLetters.migrateLegacy()).isGreaterThanOrEqualTo(3);

        var ofA = deadLetters.list(a, 0, 50);
        assertThat(ofA.content()).extracting(DeadLetters.DeadLetter::id).containsExactly(a2, a1);
        assertThat(ofA.total()).isEqualTo(2);
        assertThat(ofA.content()).allSatisfy(l -> assertThat(l.tenant()).isEqualTo(a));
        assertThat(deadLetters.find(a, a1))
                .hasValueSatisfying(l -> assertThat(l.group()).isEqualTo("g"));
        assertThat(deadLetters.list(b, 0, 50).content())
                .extracting(DeadLetters.DeadLetter::id)
                .containsExactly(b1);
        assertThat(deadLetters.find(a, garbage)).isEmpty();
        assertThat(deadLetters.find(props.platformTenant(), garbage)).isPresent();

        // idempotent: a second run (another replica, the next start) copies nothing again
        deadLetters.migrateLegacy();
        assertThat(deadLetters.list(a, 0, 50).total()).isEqualTo(2);
        assertThat(deadLetters.list(b, 0, 50).total()).isEqualTo(1);
    }

    @Test
    void aHandlerFailingWhileTheDatabaseIsDownSpendsNoDeliveryAndHandlesTheEventOnceItIsBack() {
        UUID marker = UUID.randomUUID();
        int outageTries = props.maxDeliveries() * 3;
        handlers.unavailableFor.put(marker, outageTries);
        publishNote(marker, "while the database is down");

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(marker) == 1);
        waitForQuiet();
        assertThat(effects(marker)).isEqualTo(1);
        assertThat(handlers.attempts.get(marker)).isEqualTo(outageTries + 1);
        assertThat(deadLetters.list(100)).noneMatch(d -> d.event().contains(marker.toString()));
    }

    @Test
    void tenThousandEventsRoundTripWithNoneLostAndNoneDoubled() {
        UUID run = UUID.randomUUID();
        int total = 10_000;
        long start = System.nanoTime();
        for (int batch = 0; batch < total / 500; batch++) {
            int b = batch;
            tx.executeWithoutResult(status -> {
                for (int i = 0; i < 500; i++) {
                    publisher.publish(run, new CountedNote(run, "n" + (b * 500 + i)), "t1");
                }
            });
        }
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> effects(run) >= total);
        long millis = (System.nanoTime() - start) / 1_000_000;
        waitForQuiet();
        assertThat(effects(run)).isEqualTo(total);
        assertThat(jdbc.queryForObject(
                        "select count(distinct payload) from effect where event_id = ?", Long.class, run))
                .isEqualTo(total);
        System.out.printf("10000 events round-trip in %d ms%n", millis);
    }

    private UUID publishNote(String text) {
        UUID marker = UUID.randomUUID();
        publishNote(marker, text);
        return marker;
    }

    private void publishNote(UUID marker, String text) {
        tx.executeWithoutResult(status -> publisher.publish(marker, new Note(marker, text), "t1"));
    }

    private boolean outboxSent(UUID marker) {
        Long n = jdbc.queryForObject(
                "select count(*) from outbox_event where sent_at is not null and envelope like ?",
                Long.class,
                "%" + marker + "%");
        return n != null && n > 0;
    }

    private long effects(UUID marker) {
        Long n = jdbc.queryForObject("select count(*) from effect where event_id = ?", Long.class, marker);
        return n == null ? 0 : n;
    }

    /** Long enough for a duplicate delivery or a reclaim (reclaim-idle is 1s in tests) to show. */
    private static void waitForQuiet() {
        try {
            Thread.sleep(2_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SpringBootApplication
    @org.springframework.context.annotation.Import(Handlers.class)
    static class BusTestApp {}

    static class Handlers {
        final JdbcTemplate jdbc;
        final Set<UUID> failOnce = ConcurrentHashMap.newKeySet();
        /** How many more times the handling of a marker fails as if the database were unreachable. */
        final ConcurrentHashMap<UUID, Integer> unavailableFor = new ConcurrentHashMap<>();

        final ConcurrentHashMap<UUID, Integer> attempts = new ConcurrentHashMap<>();

        Handlers(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @OnEvent
        void written(Note note, EventMetadata meta) {
            attempts.merge(note.marker(), 1, Integer::sum);
            Integer left = unavailableFor.computeIfPresent(note.marker(), (m, n) -> n - 1);
            if (left != null && left >= 0) {
                throw new CannotGetJdbcConnectionException("database down", new SQLException("refused", "08001"));
            }
            jdbc.update("insert into effect (event_id, payload) values (?, ?)", note.marker(), note.text());
            assertThat(meta.tenant()).isEqualTo("t1");
            if (failOnce.remove(note.marker())) {
                throw new IllegalStateException("crashed after writing the effect, before commit");
            }
        }

        @OnEvent
        void counted(CountedNote note) {
            jdbc.update("insert into effect (event_id, payload) values (?, ?)", note.marker(), note.text());
        }

        @OnEvent
        void poison(PoisonNote note) {
            attempts.merge(note.marker(), 1, Integer::sum);
            throw new IllegalArgumentException("poisoned event " + note.marker());
        }
    }
}
