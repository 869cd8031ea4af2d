package dev.berrys.starter.events;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berrys.contracts.events.PlanningEvents.PlanCreated;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The publisher takes only declared events of its own stream (the round trip is in {@link EventBusIT}). */
class EventPublisherTests {
    private final EventBusProperties props = new EventBusProperties(
            "berrys.project",
            "project-coordinator",
            null,
            5,
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            256,
            Duration.ofDays(7),
            true,
            "berrys.deadletter",
            "",
            Duration.ofMinutes(1),
            Duration.ofDays(7),
            1_000_000,
            10_000,
            "default",
            Duration.ofSeconds(5),
            0);

    /** Nothing behind it is reached: the payload is refused first. */
    private final EventPublisher publisher = new EventPublisher(null, null, props, null, null);

    record NotAnEvent(UUID projectId) {}

    @Test
    void aPayloadWhoseClassIsNoDeclaredEventIsRefused() {
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> publisher.publish(id, new NotAnEvent(id), "t1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NotAnEvent is not a declared event");
        assertThatThrownBy(() -> publisher.publish(id, "plan.created", "t1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String is not a declared event");
    }

    @Test
    void anEventOfAnotherServicesStreamIsRefused() {
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> publisher.publish(id, new PlanCreated(id, id, 1, List.of(), List.of()), "t1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is an event of berrys.planning, and this service publishes on berrys.project");
    }
}
