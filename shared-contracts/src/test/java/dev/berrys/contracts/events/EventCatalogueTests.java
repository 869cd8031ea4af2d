package dev.berrys.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berrys.contracts.Streams;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventCatalogueTests {

    @Test
    void everyDeclaredEventHasATypeOfItsOwn() {
        List<String> types =
                EventCatalogue.all().stream().map(DeclaredEvent::type).toList();

        assertThat(types).doesNotHaveDuplicates();
        assertThat(types).hasSize(43);
    }

    @Test
    void everyEventTypeIsDeclaredByExactlyOnePayload() throws IllegalAccessException {
        Set<String> declared =
                EventCatalogue.all().stream().map(DeclaredEvent::type).collect(Collectors.toSet());
        Set<String> named = new HashSet<>();
        for (Field f : EventTypes.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                named.add((String) f.get(null));
            }
        }

        assertThat(declared).isEqualTo(named);
    }

    @Test
    void everyEventIsOnAStreamOfAPublishingServiceWithAPositiveVersion() {
        Set<String> streams =
                Set.of(Streams.PROJECT, Streams.WORKFLOW, Streams.PLANNING, Streams.AGENT, Streams.MODEL, Streams.TOOL);

        assertThat(EventCatalogue.all()).allSatisfy(e -> {
            assertThat(streams).contains(e.stream());
            assertThat(e.version()).isPositive();
            assertThat(e.payload().isRecord()).as(e.payload() + " is a record").isTrue();
        });
    }

    @Test
    void thePayloadsOfAServiceAreOnItsStream() {
        assertThat(EventCatalogue.all())
                .filteredOn(e -> e.payload().getEnclosingClass() == PlanningEvents.class)
                .extracting(DeclaredEvent::stream)
                .containsOnly(Streams.PLANNING)
                .hasSize(12);
        assertThat(EventCatalogue.require(WorkflowEvents.TeamRequested.class))
                .isEqualTo(
                        new DeclaredEvent("team.requested", Streams.WORKFLOW, 1, WorkflowEvents.TeamRequested.class));
    }

    /**
     * Every payload record of this package is a declared event (and in the catalogue) or a part of one: a record
     * that a declared event carries, such as {@code AgentRef} or {@code PlanningEvents.TaskSpec}.
     */
    @Test
    void everyRecordOfTheEventsPackageIsADeclaredEventOrAPartOfOne() throws Exception {
        Set<Class<?>> declared =
                EventCatalogue.all().stream().map(DeclaredEvent::payload).collect(Collectors.toSet());
        Set<Class<?>> parts = partsOf(declared);
        List<Class<?>> records = classesOfThisPackage().stream()
                .filter(Class::isRecord)
                .filter(c -> c != DeclaredEvent.class) // the catalogue's own entry, no payload
                .toList();

        assertThat(records).as("records found").hasSizeGreaterThan(41);
        assertThat(records).filteredOn(r -> !parts.contains(r)).allSatisfy(r -> assertThat(declared)
                .as(r + " is a declared event")
                .contains(r));
        assertThat(records).filteredOn(r -> r.isAnnotationPresent(Event.class)).allSatisfy(r -> assertThat(declared)
                .as(r + " is in EventCatalogue.all()")
                .contains(r));
    }

    @Test
    void aClassThatDeclaresNoEventIsRefused() {
        assertThat(EventCatalogue.of(AgentRef.class)).isEmpty();
        assertThatThrownBy(() -> EventCatalogue.require(PlanningEvents.TaskSpec.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TaskSpec is not a declared event");
    }

    @Test
    void anEventIsFoundByItsType() {
        assertThat(EventCatalogue.byType(EventTypes.PLAN_CREATED))
                .map(DeclaredEvent::payload)
                .contains(PlanningEvents.PlanCreated.class);
        assertThat(EventCatalogue.byType("plan.unheard-of")).isEmpty();
    }

    /** The records the events carry, directly or in a collection, and what those carry in turn. */
    private static Set<Class<?>> partsOf(Set<Class<?>> events) {
        Set<Class<?>> parts = new HashSet<>();
        var todo = new ArrayDeque<Class<?>>(events);
        while (!todo.isEmpty()) {
            for (RecordComponent c : todo.pop().getRecordComponents()) {
                for (Class<?> t : classesIn(c.getGenericType())) {
                    if (t.isRecord() && parts.add(t)) {
                        todo.push(t);
                    }
                }
            }
        }
        return parts;
    }

    private static List<Class<?>> classesIn(Type type) {
        if (type instanceof Class<?> c) {
            return List.of(c);
        }
        if (type instanceof ParameterizedType p) {
            return Stream.concat(
                            classesIn(p.getRawType()).stream(),
                            Arrays.stream(p.getActualTypeArguments())
                                    .map(EventCatalogueTests::classesIn)
                                    .flatMap(List::stream))
                    .toList();
        }
        return List.of();
    }

    /** Every class compiled into this package of shared-contracts, nested ones included. */
    private static List<Class<?>> classesOfThisPackage() throws IOException, URISyntaxException {
        Path dir = Path.of(EventCatalogue.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .resolve(EventCatalogue.class.getPackageName().replace('.', '/'));
        Function<Path, Class<?>> load = file -> {
            String name = file.getFileName().toString().replace(".class", "");
            try {
                return Class.forName(EventCatalogue.class.getPackageName() + "." + name);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        };
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> !f.getFileName().toString().startsWith("package-info"))
                    .map(load)
                    .toList();
        }
    }
}
