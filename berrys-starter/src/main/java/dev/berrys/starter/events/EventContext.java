package dev.berrys.starter.events;

import java.util.Optional;

/** The event a handler is processing, visible to code it calls (tenant, correlation id). */
public final class EventContext {
    static final ScopedValue<EventMetadata> CURRENT = ScopedValue.newInstance();

    private EventContext() {}

    public static Optional<EventMetadata> current() {
        return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
    }
}
