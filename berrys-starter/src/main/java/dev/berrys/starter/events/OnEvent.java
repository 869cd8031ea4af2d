package dev.berrys.starter.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as the handler of one event type on one stream. The method takes the payload
 * (a record the event's {@code data} maps onto, or a {@code JsonNode}) and optionally an
 * {@link EventMetadata}. It runs inside the transaction that records the event in the service's inbox,
 * so its database effects happen exactly once; the stream entry is acknowledged after that commit. A
 * handler that throws is retried (the entry is claimed again) and dead-lettered after
 * {@code berrys.events.max-deliveries}. Keep handlers short: start long work (a model call, an agent
 * loop) from a row the handler writes, not inside the handler.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnEvent {
    /** The stream, e.g. {@link dev.berrys.contracts.Streams#PROJECT}. */
    String stream();

    /** The event type, e.g. {@link dev.berrys.contracts.events.EventTypes#PROJECT_STARTED}. */
    String type();
}
