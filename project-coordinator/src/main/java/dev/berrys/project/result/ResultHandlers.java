package dev.berrys.project.result;

import dev.berrys.contracts.events.PlanningEvents;
import dev.berrys.starter.events.EventMetadata;
import dev.berrys.starter.events.OnEvent;
import org.springframework.stereotype.Component;

@Component
class ResultHandlers {
    private final ResultService results;

    ResultHandlers(ResultService results) {
        this.results = results;
    }

    @OnEvent
    void planCompleted(PlanningEvents.PlanCompleted e, EventMetadata meta) {
        results.planCompleted(meta.tenant(), e);
    }
}
