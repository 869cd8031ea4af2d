package dev.berrys.starter.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.starter.test.BerrysIntegrationTest;
import dev.berrys.starter.test.RedisNamespace;
import io.lettuce.core.Consumer;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stream is trimmed of what every consumer group has passed and, as a safety net, past an age and a
 * length; dead letters are bounded and kept per tenant. Each test uses keys of its own.
 */
@BerrysIntegrationTest
@TestPropertySource(
        properties = {
            "spring.application.name=trim-test",
            "berrys.service.schema=bustest",
            "spring.flyway.locations=classpath:db/bustest,classpath:db/berrys-starter",
            "berrys.events.enabled=false"
        })
class StreamTrimIT {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("trim-");

    @Autowired
    EventBusProperties defaults;

    @Autowired
    JsonMapper json;

    RedisCommands<String, String> sync;

    @BeforeEach
    void connect() {
        sync = redis.sync();
    }

    @Test
    void anEntryIsTrimmedOnlyOnceEveryGroupHasHadItDeliveredAndAcknowledged() {
        var props = props(Duration.ofDays(7), 1_000_000, 10_000);
        String key = props.key(props.stream());
        sync.xgroupCreate(XReadArgs.StreamOffset.from(key, "0"), "fast", XGroupCreateArgs.Builder.mkstream());
        sync.xgroupCreate(XReadArgs.StreamOffset.from(key, "0"), "slow");
        List<String> ids = List.of(add(key, "a"), add(key, "b"), add(key, "c"));
        var trimmer = new StreamTrimmer(redis.client()::connect, props, Clock.systemUTC());

        readAndAck(key, "fast", 3, true);
        assertThat(trimmer.trimOnce()).as("'slow' has read nothing yet").isZero();

        readAndAck(key, "slow", 2, false);
        assertThat(trimmer.trimOnce()).as("'slow' holds a and b pending").isZero();

        sync.xack(key, "slow", ids.get(0));
        assertThat(trimmer.trimOnce()).isEqualTo(1);
        assertThat(ids(key)).containsExactly(ids.get(1), ids.get(2));

        sync.xack(key, "slow", ids.get(1));
        readAndAck(key, "slow", 1, true);
        assertThat(trimmer.trimOnce()).isEqualTo(2);
        assertThat(sync.xlen(key)).isZero();

        String d = add(key, "d");
        assertThat(trimmer.trimOnce())
                .as("an entry added after is kept until read")
                .isZero();
        assertThat(ids(key)).containsExactly(d);
    }

    @Test
    void theSafetyNetDropsEntriesPastTheMaxLengthOrAgeEvenWhenNoGroupReadThem() {
        String key;
        var byLength = props(Duration.ofDays(7), 3, 10_000);
        key = byLength.key(byLength.stream());
        sync.xgroupCreate(XReadArgs.StreamOffset.from(key, "0"), "stuck", XGroupCreateArgs.Builder.mkstream());
        for (int i = 0; i < 5; i++) {
            add(key, "e" + i);
        }
        List<String> newest = ids(key).subList(2, 5);
        assertThat(new StreamTrimmer(redis.client()::connect, byLength, Clock.systemUTC()).trimOnce())
                .isEqualTo(2);
        assertThat(ids(key)).containsExactlyElementsOf(newest);

        var byAge = props(Duration.ofHours(1), 1_000_000, 10_000);
        Clock twoHoursLater = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
        assertThat(new StreamTrimmer(redis.client()::connect, byAge, twoHoursLater).trimOnce())
                .isEqualTo(3);
        assertThat(sync.xlen(key)).isZero();
    }

    @Test
    void deadLettersAreBoundedAndListedPerTenantAndAnUnreadableOneOnlyByThePlatformTenant() {
        var props = props(Duration.ofDays(7), 1_000_000, 3);
        var letters = new DeadLetters(redis.client()::connect, props, json);
        for (int i = 0; i < 5; i++) {
            letters.add(letter(event("acme", "e" + i)));
        }
        letters.add(letter(event("globex", "g0")));
        String unreadable = letters.add(letter("{not json"));

        var acme = letters.list("acme", 0, 2);
        assertThat(acme.total()).as("the oldest two dropped").isEqualTo(3);
        assertThat(acme.content()).extracting(l -> l.event()).allMatch(e -> e.contains("\"acme\""));
        assertThat(acme.content().getFirst().event()).contains("e4");
        assertThat(letters.list("acme", 1, 2).content()).singleElement().satisfies(l -> assertThat(l.event())
                .contains("e2"));
        assertThat(letters.list("acme", 2, 2).content()).isEmpty();
        assertThat(letters.count())
                .as("the stream of all letters is bounded too")
                .isEqualTo(3);

        assertThat(letters.list("globex", 0, 50).content()).singleElement().satisfies(l -> assertThat(l.tenant())
                .isEqualTo("globex"));
        assertThat(letters.list("default", 0, 50).content())
                .extracting(DeadLetters.DeadLetter::id)
                .containsExactly(unreadable);
        assertThat(letters.find("acme", unreadable)).isEmpty();

        String newestAcme = acme.content().getFirst().id();
        assertThat(letters.replay("globex", newestAcme))
                .as("not globex's letter")
                .isFalse();
        assertThat(letters.replay("acme", newestAcme)).isTrue();
        assertThat(letters.list("acme", 0, 50).total()).isEqualTo(2);
        assertThat(sync.xrange(props.key("berrys.bustest"), io.lettuce.core.Range.create("-", "+")))
                .singleElement()
                .satisfies(m -> assertThat(m.getBody().get("event")).contains("e4"));
    }

    private EventBusProperties props(Duration maxAge, long maxLength, long deadLetters) {
        return redis.props(defaults).withTrimming(Duration.ZERO, maxAge, maxLength, deadLetters);
    }

    private String add(String key, String text) {
        return sync.xadd(key, Map.of("event", text));
    }

    private List<String> ids(String key) {
        return sync.xrange(key, io.lettuce.core.Range.create("-", "+")).stream()
                .map(m -> m.getId())
                .toList();
    }

    private void readAndAck(String key, String group, int count, boolean ack) {
        var read = sync.xreadgroup(
                Consumer.from(group, "c1"), XReadArgs.Builder.count(count), XReadArgs.StreamOffset.lastConsumed(key));
        assertThat(read).hasSize(count);
        if (ack) {
            sync.xack(key, group, read.stream().map(m -> m.getId()).toArray(String[]::new));
        }
    }

    private static String event(String tenant, String marker) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"note.poison\",\"tenant\":\""
                + tenant + "\",\"data\":{\"text\":\"" + marker + "\"}}";
    }

    private static Map<String, String> letter(String event) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event", event);
        fields.put("stream", "berrys.bustest");
        fields.put("group", "trim-test");
        fields.put("messageId", "1-0");
        fields.put("deliveries", "3");
        fields.put("error", "poisoned");
        fields.put("deadLetteredAt", Instant.now().toString());
        return fields;
    }

    @SpringBootApplication
    static class TrimTestApp {}
}
