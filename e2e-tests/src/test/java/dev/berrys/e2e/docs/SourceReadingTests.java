package dev.berrys.e2e.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator reads handlers and mappings however they are laid out and commented. */
class SourceReadingTests {
    static final Map<String, String> TYPES = Map.of("PLAN_CREATED", "plan.created", "TASK_READY", "task.ready");
    static final Map<String, String> STREAMS = Map.of("PLANNING", "berrys.planning");

    @TempDir
    Path root;

    private Sources module(String file, String code) throws IOException {
        Path dir = root.resolve("some-service/src/main/java/dev/berrys/some");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), code);
        return Sources.of(root, "some-service");
    }

    @Test
    void aHandlerIsFoundWithATrailingCommentAStaticImportOrItsAnnotationSplitOverLines() throws IOException {
        Sources sources = module("Handlers.java", """
                package dev.berrys.some;

                import static dev.berrys.contracts.Streams.PLANNING;

                import dev.berrys.contracts.Streams;
                import dev.berrys.contracts.events.EventTypes;
                import dev.berrys.contracts.events.PlanningEvents.PlanCreated;

                class Handlers {
                    @OnEvent(stream = Streams.PLANNING, type = EventTypes.PLAN_CREATED) // the plan is there
                    void created(PlanCreated e) {}

                    /* ready */ @OnEvent(
                            // on the planning stream
                            stream = PLANNING,
                            type = EventTypes.TASK_READY /* a task */)
                    void ready(tools.jackson.databind.JsonNode e) {}
                }
                """);

        var handlers = EventCatalogue.handlers(sources, TYPES, STREAMS);

        assertThat(handlers)
                .extracting(h -> h.type() + " on " + h.stream() + " by " + h.handler() + " as " + h.parameter())
                .containsExactlyInAnyOrder(
                        "plan.created on berrys.planning by Handlers.created as "
                                + "dev.berrys.contracts.events.PlanningEvents.PlanCreated",
                        "task.ready on berrys.planning by Handlers.ready as tools.jackson.databind.JsonNode");
    }

    @Test
    void aMappingIsFoundWithATrailingCommentAndItsClassPrefix() throws IOException {
        Sources sources = module("ThingController.java", """
                package dev.berrys.some;

                @RestController
                @RequestMapping("/api/things") // every thing
                class ThingController {
                    static final String ONE = "/{id}";

                    @GetMapping(ONE) // one thing
                    Thing get(UUID id) { return null; }

                    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
                    @PostMapping(path = "/{id}" + "/archive") /* archived */
                    Thing archive(UUID id) { return null; }

                    @RequestMapping(value = "/legacy", method = {RequestMethod.GET, RequestMethod.HEAD})
                    Thing legacy() { return null; }
                }
                """);

        var endpoints = ApiCatalogue.endpoints(sources);

        assertThat(endpoints)
                .extracting(e -> e.method() + " " + e.path() + " " + e.handler() + " " + e.roles())
                .containsExactlyInAnyOrder(
                        "GET /api/things/{id} ThingController.get null",
                        "POST /api/things/{id}/archive ThingController.archive [ADMIN, OPERATOR]",
                        "GET /api/things/legacy ThingController.legacy null",
                        "HEAD /api/things/legacy ThingController.legacy null");
    }

    private void write(String module, String file, String code) throws IOException {
        Path path = root.resolve(module).resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, code);
    }

    @Test
    void aHandlerWaitingOnAnotherStreamOrForAnotherPayloadThanThePublishersIsAProblem() throws IOException {
        String contracts = "src/main/java/dev/berrys/contracts/";
        write("shared-contracts", contracts + "Streams.java", """
                package dev.berrys.contracts;
                public final class Streams {
                    public static final String PROJECT = "berrys.project";
                    public static final String PLANNING = "berrys.planning";
                }
                """);
        write("shared-contracts", contracts + "events/EventTypes.java", """
                package dev.berrys.contracts.events;
                public final class EventTypes {
                    public static final String PLAN_CREATED = "plan.created";
                }
                """);
        write("shared-contracts", contracts + "events/PlanningEvents.java", """
                package dev.berrys.contracts.events;
                import java.util.UUID;
                public final class PlanningEvents {
                    public record PlanCreated(UUID planId) {}
                    public record PlanFailed(UUID planId) {}
                }
                """);
        write("planner", "src/main/resources/application.yml", "berrys:\n  service:\n    schema: planning\n");
        write("planner", "src/main/java/dev/berrys/planner/Plans.java", """
                package dev.berrys.planner;
                import dev.berrys.contracts.events.EventTypes;
                import dev.berrys.contracts.events.PlanningEvents;
                class Plans {
                    void create(java.util.UUID id) {
                        events.publish(EventTypes.PLAN_CREATED, id, new PlanningEvents.PlanCreated(id));
                    }
                }
                """);
        write("listener", "src/main/resources/application.yml", "berrys:\n  service:\n    schema: project\n");
        write("listener", "src/main/java/dev/berrys/listener/Handlers.java", """
                package dev.berrys.listener;
                import dev.berrys.contracts.Streams;
                import dev.berrys.contracts.events.EventTypes;
                import dev.berrys.contracts.events.PlanningEvents.PlanFailed;
                class Handlers {
                    @OnEvent(stream = Streams.PROJECT, type = EventTypes.PLAN_CREATED) // the wrong stream
                    void created(PlanFailed e) {}
                }
                """);

        var catalogue = new EventCatalogue(root, java.util.List.of("planner", "listener"));

        assertThat(catalogue.events)
                .singleElement()
                .satisfies(e -> assertThat(e.stream()).isEqualTo("berrys.planning"))
                .satisfies(e -> assertThat(e.payloads()).containsExactly("PlanningEvents.PlanCreated"));
        assertThat(catalogue.problems)
                .containsExactlyInAnyOrder(
                        "Handlers.created in listener waits for plan.created on berrys.project, but planner publishes"
                                + " it on berrys.planning",
                        "Handlers.created in listener reads plan.created as"
                                + " dev.berrys.contracts.events.PlanningEvents.PlanFailed, but it is published as"
                                + " PlanningEvents.PlanCreated");
    }
}
