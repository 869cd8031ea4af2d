package dev.berrys.integration.workflow;

import dev.berrys.contracts.events.AgentRef;
import dev.berrys.contracts.events.WorkflowEvents;
import dev.berrys.starter.events.EventPublisher;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The commands a workflow sends for its steps, through the outbox, in the workflow's tenant (the reconciler
 * sends them outside any request or event); sent again when a step's deadline passes.
 */
@Component
class WorkflowCommands {
    private final EventPublisher events;

    WorkflowCommands(EventPublisher events) {
        this.events = events;
    }

    void requestPlan(Workflow w) {
        events.publish(
                w.projectId(),
                new WorkflowEvents.PlanRequested(w.id(), w.projectId(), w.goal(), null, null),
                w.tenant());
    }

    void requestTeam(Workflow w) {
        List<String> roles = Objects.requireNonNull(w.roles());
        events.publish(
                w.projectId(),
                new WorkflowEvents.TeamRequested(w.id(), w.projectId(), Objects.requireNonNull(w.planId()), roles),
                w.tenant());
    }

    void runPlan(Workflow w) {
        List<AgentRef> team = w.team();
        UUID planId = Objects.requireNonNull(w.planId());
        events.publish(
                w.projectId(), new WorkflowEvents.PlanRunRequested(w.id(), w.projectId(), planId, team), w.tenant());
    }

    /** Sends the current step's command again; true where the step has one. */
    boolean resend(Workflow w) {
        switch (w.step()) {
            case PLANNING -> requestPlan(w);
            case ASSEMBLING_TEAM -> {
                if (w.roles() == null) {
                    return false;
                }
                requestTeam(w);
            }
            case EXECUTING -> runPlan(w);
            default -> {
                return false;
            }
        }
        return true;
    }
}
