package dev.berrys.model.budget;

import dev.berrys.contracts.events.ProjectEvents;
import dev.berrys.starter.events.EventMetadata;
import dev.berrys.starter.events.OnEvent;
import org.springframework.stereotype.Component;

/**
 * Learns a project's budget from project-coordinator's events: created/started set limits where none are
 * set (a budget set through this API is kept), budget-changed replaces them.
 */
@Component
class ProjectBudgetHandler {
    private final Budgets budgets;
    private final BudgetService service;

    ProjectBudgetHandler(Budgets budgets, BudgetService service) {
        this.budgets = budgets;
        this.service = service;
    }

    @OnEvent
    void created(ProjectEvents.Created event, EventMetadata meta) {
        if (event.budgetUsd() != null || event.budgetTokens() != null) {
            budgets.setIfAbsent(meta.tenant(), event.projectId(), event.budgetUsd(), event.budgetTokens());
        }
    }

    /**
     * The project's whole budget after a change: it replaces the limits and re-arms warning and refusal, except
     * that a change by anyone but an admin does not raise limits an admin set (see {@link BudgetService#changed}).
     */
    @OnEvent
    void changed(ProjectEvents.BudgetChanged event, EventMetadata meta) {
        service.changed(meta.tenant(), event.projectId(), event.budgetUsd(), event.budgetTokens(), event.setByRole());
    }

    @OnEvent
    void started(ProjectEvents.Started event, EventMetadata meta) {
        if (event.budgetUsd() != null || event.budgetTokens() != null) {
            budgets.setIfAbsent(meta.tenant(), event.projectId(), event.budgetUsd(), event.budgetTokens());
        }
    }
}
