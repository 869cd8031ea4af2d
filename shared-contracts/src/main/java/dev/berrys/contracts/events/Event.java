package dev.berrys.contracts.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a payload record as the one payload of one event type on one stream: the only place where type,
 * stream and payload meet. The publisher derives the envelope's {@code type} and the stream from the payload's
 * class, and a handler is routed by the class of its parameter, so an event cannot be published or read with
 * another event's payload. {@link EventCatalogue} lists the platform's declared events.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Event {
    /** The envelope's {@code type}, past tense, e.g. {@link EventTypes#PLAN_CREATED}. */
    String type();

    /** The stream it is published on: the publishing service's, e.g. {@link dev.berrys.contracts.Streams#PLANNING}. */
    String stream();

    /**
     * The version of the payload's shape. A consumer reads an old entry with today's record, so a change must stay
     * readable (a field added as nullable); a change that cannot gets a new version and is documented here.
     */
    int version() default 1;
}
