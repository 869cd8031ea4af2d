package dev.berrys.starter.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.PlanningEvents.PlanCreated;
import dev.berrys.contracts.events.PlanningEvents.TaskReady;
import dev.berrys.contracts.events.ProjectEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A handler is routed by the event its payload parameter declares; one that names no declared event fails the start. */
class EventHandlersTests {
    private final JsonMapper json = JsonMapper.builder().build();
    private final EventHandlers handlers = new EventHandlers();

    static class Planning {
        final List<Object> seen = new ArrayList<>();

        @OnEvent
        void created(PlanCreated e, EventMetadata meta) {
            seen.add(e);
        }

        @OnEvent(TaskReady.class)
        void ready(JsonNode data) {
            seen.add(data);
        }
    }

    static class ProjectStarts {
        @OnEvent
        void started(ProjectEvents.Started e) {}
    }

    static class Undeclared {
        record Thing(UUID id) {}

        @OnEvent
        void on(Thing thing) {}
    }

    static class UnnamedJson {
        @OnEvent
        void on(JsonNode data) {}
    }

    static class Mismatch {
        @OnEvent(TaskReady.class)
        void on(PlanCreated e) {}
    }

    @Test
    void aHandlerIsRoutedToTheStreamAndTypeItsParameterDeclares() {
        var planning = new Planning();
        handlers.postProcessAfterInitialization(planning, "planning");
        handlers.postProcessAfterInitialization(new ProjectStarts(), "projectStarts");

        assertThat(handlers.streams()).containsExactlyInAnyOrder(Streams.PLANNING, Streams.PROJECT);
        assertThat(handlers.handlersFor(Streams.PLANNING, EventTypes.PLAN_CREATED))
                .singleElement()
                .satisfies(i -> assertThat(i.method().getName()).isEqualTo("created"));
        assertThat(handlers.handlersFor(Streams.PLANNING, EventTypes.TASK_READY))
                .singleElement()
                .satisfies(i -> assertThat(i.method().getName()).isEqualTo("ready"));
        assertThat(handlers.handlersFor(Streams.PROJECT, EventTypes.PROJECT_STARTED))
                .hasSize(1);
        assertThat(handlers.handlersFor(Streams.PROJECT, EventTypes.PLAN_CREATED))
                .as("the type on another stream")
                .isEmpty();
    }

    @Test
    void theHandlerGetsThePayloadAsItsRecordOrAsJson() {
        var planning = new Planning();
        handlers.postProcessAfterInitialization(planning, "planning");
        UUID planId = UUID.randomUUID();
        UUID projectId = UUID.randomUUID();
        var meta = new EventMetadata(
                UUID.randomUUID(), "x", "/test", "s", Instant.now(), "t1", null, null, Streams.PLANNING);

        handlers.handlersFor(Streams.PLANNING, EventTypes.PLAN_CREATED)
                .getFirst()
                .invoke(json, json.valueToTree(new PlanCreated(planId, projectId, 1, List.of(), List.of())), meta);
        JsonNode ready = json.readTree("{\"taskId\":\"" + planId + "\",\"extra\":true}");
        handlers.handlersFor(Streams.PLANNING, EventTypes.TASK_READY).getFirst().invoke(json, ready, meta);

        assertThat(planning.seen).containsExactly(new PlanCreated(planId, projectId, 1, List.of(), List.of()), ready);
    }

    @Test
    void aHandlerWhoseParameterIsNoDeclaredEventIsRefused() {
        assertThatThrownBy(() -> handlers.postProcessAfterInitialization(new Undeclared(), "undeclared"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Undeclared$Thing, which is not a declared event");
        assertThatThrownBy(() -> handlers.postProcessAfterInitialization(new UnnamedJson(), "json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("name its event");
        assertThatThrownBy(() -> handlers.postProcessAfterInitialization(new Mismatch(), "mismatch"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("take the payload TaskReady or a JsonNode");
    }

    @Test
    void anApplicationWithSuchAHandlerDoesNotStart() {
        var context = new AnnotationConfigApplicationContext();
        context.registerBean(EventHandlers.class, EventHandlers::new);
        context.registerBean(Undeclared.class);

        assertThatThrownBy(context::refresh)
                .isInstanceOf(BeanCreationException.class)
                .rootCause()
                .hasMessageContaining("Undeclared$Thing, which is not a declared event");
        context.close();
    }
}
