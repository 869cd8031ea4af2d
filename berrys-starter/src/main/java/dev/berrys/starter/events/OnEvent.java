package dev.berrys.starter.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as the handler of one event. The method takes the payload and optionally an
 * {@link EventMetadata}; the payload's class names the event (its type and stream come from its
 * {@link dev.berrys.contracts.events.Event} declaration), so {@code @OnEvent void on(PlanCreated e)} handles
 * {@code plan.created} on {@code berrys.planning}. A handler that keeps the payload as it was published takes a
 * {@code JsonNode} and names the event: {@code @OnEvent(PlanCreated.class) void on(JsonNode data)}. A handler
 * whose parameter is no declared event fails the start of the application.
 *
 * <p>It runs inside the transaction that records the event in the service's inbox, so its database effects
 * happen exactly once; the stream entry is acknowledged after that commit. A handler that throws is retried
 * (the entry is claimed again) and dead-lettered after {@code berrys.events.max-deliveries}. Keep handlers
 * short: start long work (a model call, an agent loop) from a row the handler writes, not inside the handler.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnEvent {
    /**
     * The event's payload class, for a handler that reads the payload as a {@code JsonNode}; unset (the default),
     * the class of the method's payload parameter.
     */
    Class<?> value() default void.class;
}
