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
    void eachWithChangesItsOwnComponentsAndKeepsEveryOther() {
        var relay = base.withRelay(false, Duration.ofMinutes(3));
        assertThat(relay.enabled()).isFalse();
        assertThat(relay.relayInterval()).isEqualTo(Duration.ofMinutes(3));
        assertKeepsAllBut(relay, "enabled", "relayInterval");

        var namespaced = base.withNamespace("other:");
        assertThat(namespaced.namespace()).isEqualTo("other:");
        assertKeepsAllBut(namespaced, "namespace");

        var trimming = base.withTrimming(Duration.ZERO, Duration.ofHours(1), 3, 4);
        assertThat(trimming)
                .extracting("trimInterval", "streamMaxAge", "streamMaxLength", "deadLetterMaxLength")
                .containsExactly(Duration.ZERO, Duration.ofHours(1), 3L, 4L);
        assertKeepsAllBut(trimming, "trimInterval", "streamMaxAge", "streamMaxLength", "deadLetterMaxLength");
    }

    private void assertKeepsAllBut(EventBusProperties changed, String... components) {
        assertThat(changed).isNotEqualTo(base);
        assertThat(changed)
                .usingRecursiveComparison()
                .ignoringFields(components)
                .isEqualTo(base);
    }
}
