package dev.berrys.contracts.events;

import dev.berrys.contracts.Streams;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event of the platform: the {@link Event}-annotated records of the payload classes
 * ({@code ProjectEvents}, …). A class is an event exactly when it carries {@link Event}, so the starter's
 * tests declare events of their own the same way; this list is the platform's, for the documentation and for
 * looking an event up by its type.
 */
public final class EventCatalogue {
    /** The classes whose nested records are the payloads, one per publishing service. */
    public static final List<Class<?>> PAYLOAD_CLASSES = List.of(
            ProjectEvents.class,
            WorkflowEvents.class,
            PlanningEvents.class,
            AgentEvents.class,
            ModelEvents.class,
            ToolEvents.class);

    private static final List<String> STREAM_ORDER =
            List.of(Streams.PROJECT, Streams.WORKFLOW, Streams.PLANNING, Streams.AGENT, Streams.MODEL, Streams.TOOL);

    private static final List<DeclaredEvent> ALL = PAYLOAD_CLASSES.stream()
            .flatMap(c -> Arrays.stream(c.getDeclaredClasses()))
            .map(EventCatalogue::of)
            .flatMap(Optional::stream)
            .sorted(Comparator.comparing((DeclaredEvent e) -> STREAM_ORDER.indexOf(e.stream()))
                    .thenComparing(DeclaredEvent::type))
            .toList();

    private static final Map<String, DeclaredEvent> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(DeclaredEvent::type, Function.identity(), (a, b) -> a));

    private EventCatalogue() {}

    /** The platform's events, by stream (in the order of the main flow), then by type. */
    public static List<DeclaredEvent> all() {
        return ALL;
    }

    /** The event {@code payload} is the payload of; empty when the class declares none. */
    public static Optional<DeclaredEvent> of(Class<?> payload) {
        Event event = payload.getAnnotation(Event.class);
        return event == null
                ? Optional.empty()
                : Optional.of(new DeclaredEvent(event.type(), event.stream(), event.version(), payload));
    }

    /**
     * The event {@code payload} is the payload of.
     *
     * @throws IllegalArgumentException when the class declares no event
     */
    public static DeclaredEvent require(Class<?> payload) {
        return of(payload)
                .orElseThrow(() -> new IllegalArgumentException(payload.getName()
                        + " is not a declared event: annotate the payload record with @Event(type, stream)"));
    }

    /** The platform's event of {@code type}. */
    public static Optional<DeclaredEvent> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}
