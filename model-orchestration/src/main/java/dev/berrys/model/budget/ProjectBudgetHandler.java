package dev.berrys.model.budget;

import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.ProjectEvents;
import dev.berrys.starter.events.EventMetadata;
import dev.berrys.starter.events.OnEvent;
import org.springframework.stereotype.Component;

/** Learns a project's budget from project-coordinator's events; a budget set through the API is kept. */
@Component
class ProjectBudgetHandler {
    private final Budgets budgets;

    ProjectBudgetHandler(Budgets budgets) {
        this.budgets = budgets;
    }

    @OnEvent(stream = Streams.PROJECT, type = EventTypes.PROJECT_CREATED)
    void created(ProjectEvents.Created event, EventMetadata meta) {
        if (event.budgetUsd() != null || event.budgetTokens() != null) {
            budgets.setIfAbsent(meta.tenant(), event.projectId(), event.budgetUsd(), event.budgetTokens());
        }
    }

    @OnEvent(stream = Streams.PROJECT, type = EventTypes.PROJECT_STARTED)
    void started(ProjectEvents.Started event, EventMetadata meta) {
        if (event.budgetUsd() != null || event.budgetTokens() != null) {
            budgets.setIfAbsent(meta.tenant(), event.projectId(), event.budgetUsd(), event.budgetTokens());
        }
    }
}
