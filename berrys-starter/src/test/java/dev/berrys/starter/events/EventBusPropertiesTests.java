package dev.berrys.starter.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventBusPropertiesTests {
    private final EventBusProperties base = new EventBusProperties(
            "berrys.test",
            "test-group",
            "replica-1",
            5,
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            256,
            Duration.ofDays(7),
            true,
            "berrys.deadletter",
            "ns:",
            Duration.ofMinutes(1),
            Duration.ofDays(7),
            1_000_000,
            10_000,
            "default",
            Duration.ofSeconds(5),
            1);

    @Test
    void eachWithChangesItsOwnComponentAndKeepsEveryOther() {
        assertChangesOnly(base.withRelayInterval(Duration.ofMinutes(3)), "relayInterval", Duration.ofMinutes(3));
        assertChangesOnly(base.withEnabled(false), "enabled", false);
        assertChangesOnly(base.withNamespace("other:"), "namespace", "other:");
        assertChangesOnly(base.withTrimInterval(Duration.ZERO), "trimInterval", Duration.ZERO);
        assertChangesOnly(base.withStreamMaxAge(Duration.ofHours(1)), "streamMaxAge", Duration.ofHours(1));
        assertChangesOnly(base.withStreamMaxLength(3), "streamMaxLength", 3L);
        assertChangesOnly(base.withDeadLetterMaxLength(4), "deadLetterMaxLength", 4L);
    }

    private void assertChangesOnly(EventBusProperties changed, String component, Object value) {
        assertThat(changed).extracting(component).isEqualTo(value);
        assertThat(changed).isNotEqualTo(base);
        assertThat(changed).usingRecursiveComparison().ignoringFields(component).isEqualTo(base);
    }
}
