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
}
