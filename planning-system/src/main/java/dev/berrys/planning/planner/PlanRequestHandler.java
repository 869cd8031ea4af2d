package dev.berrys.planning.planner;

import dev.berrys.contracts.events.WorkflowEvents.PlanRequested;
import dev.berrys.starter.events.EventMetadata;
import dev.berrys.starter.events.OnEvent;
import jakarta.persistence.EntityManager;
import org.springframework.stereotype.Component;

/** Records a planning request; the model conversation starts after the commit. */
@Component
class PlanRequestHandler {
    private final EntityManager entityManager;
    private final PlanningWorker worker;

    PlanRequestHandler(EntityManager entityManager, PlanningWorker worker) {
        this.entityManager = entityManager;
        this.worker = worker;
    }

    @OnEvent
    void planRequested(PlanRequested event, EventMetadata meta) {
        var request = new PlanRequest(
                meta.id(),
                meta.tenant(),
                event.workflowId(),
                event.projectId(),
                event.goal() == null ? "" : event.goal(),
                event.feedback(),
                event.previousPlanId());
        entityManager.persist(request);
        worker.startAfterCommit(request.id());
    }
}
