package dev.berrys.e2e.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator reads handlers and mappings however they are laid out and commented. */
class SourceReadingTests {
    @TempDir
    Path root;

    private Sources module(String file, String code) throws IOException {
        Path dir = root.resolve("some-service/src/main/java/dev/berrys/some");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), code);
        return Sources.of(root, "some-service");
    }

    @Test
    void aHandlerIsFoundByItsParameterOrByTheClassItsAnnotationNamesHoweverItIsLaidOut() throws IOException {
        Sources sources = module("Handlers.java", """
                package dev.berrys.some;

                import dev.berrys.contracts.events.PlanningEvents;
                import dev.berrys.contracts.events.PlanningEvents.PlanCreated;

                class Handlers {
                    @OnEvent // the plan is there
                    void created(PlanCreated e) {}

                    /* ready */ @OnEvent(
                            // read as JSON
                            PlanningEvents.TaskReady.class /* a task */)
                    void ready(tools.jackson.databind.JsonNode e) {}
                }
                """);

        var handlers = EventCatalogue.handlers(sources);

        assertThat(handlers)
                .extracting(h -> h.payload() + " by " + h.handler() + " as " + h.parameter())
                .containsExactlyInAnyOrder(
                        "PlanningEvents.PlanCreated by Handlers.created as "
                                + "dev.berrys.contracts.events.PlanningEvents.PlanCreated",
                        "PlanningEvents.TaskReady by Handlers.ready as tools.jackson.databind.JsonNode");
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
    void anEventPublishedOffItsStreamAnUnpublishedOneAndAHandlerOfNoDeclaredEventAreProblems() throws IOException {
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
                    public static final String PLAN_FAILED = "plan.failed";
                    public static final String TASK_READY = "task.ready";
                }
                """);
        write("shared-contracts", contracts + "events/PlanningEvents.java", """
                package dev.berrys.contracts.events;
                import dev.berrys.contracts.Streams;
                import java.util.UUID;
                public final class PlanningEvents {
                    public record TaskSpec(UUID taskId) {}
                    @Event(type = EventTypes.PLAN_CREATED, stream = Streams.PLANNING)
                    public record PlanCreated(UUID planId) {}
                    @Event(type = EventTypes.PLAN_FAILED, stream = Streams.PLANNING)
                    public record PlanFailed(UUID planId) {}
                    @Event(type = EventTypes.TASK_READY, stream = Streams.PLANNING)
                    public record TaskReady(UUID taskId) {}
                }
                """);
        write("planner", "src/main/resources/application.yml", "berrys:\n  service:\n    schema: planning\n");
        write("planner", "src/main/java/dev/berrys/planner/Plans.java", """
                package dev.berrys.planner;
                import dev.berrys.contracts.events.PlanningEvents;
                class Plans {
                    void create(java.util.UUID id, boolean ok) {
                        Object payload = ok ? new PlanningEvents.PlanCreated(id) : new PlanningEvents.PlanFailed(id);
                        events.publish(id, payload);
                    }
                }
                """);
        write("listener", "src/main/resources/application.yml", "berrys:\n  service:\n    schema: project\n");
        write("listener", "src/main/java/dev/berrys/listener/Handlers.java", """
                package dev.berrys.listener;
                import dev.berrys.contracts.events.PlanningEvents.PlanFailed;
                import dev.berrys.contracts.events.PlanningEvents.TaskSpec;
                class Handlers {
                    @OnEvent
                    void failed(PlanFailed e) {
                        events.publish(e.planId(), new PlanFailed(e.planId()));
                    }

                    @OnEvent
                    void spec(TaskSpec e) {}
                }
                """);

        var catalogue = new EventCatalogue(root, java.util.List.of("planner", "listener"));

        assertThat(catalogue.events)
                .extracting(e -> e.type() + " on " + e.stream() + " by " + e.producers() + " of " + e.payload())
                .containsExactly(
                        "plan.created on berrys.planning by [planner] of PlanningEvents.PlanCreated",
                        "plan.failed on berrys.planning by [planner, listener] of PlanningEvents.PlanFailed",
                        "task.ready on berrys.planning by [] of PlanningEvents.TaskReady");
        assertThat(catalogue.problems)
                .containsExactlyInAnyOrder(
                        "PlanningEvents.PlanFailed is an event of berrys.planning, but listener publishes on"
                                + " berrys.project",
                        "no service publishes task.ready (PlanningEvents.TaskReady)",
                        "Handlers.spec in listener handles PlanningEvents.TaskSpec, which is no declared event");
    }
}
