package dev.berrys.integration.workflow;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One recorded step of a workflow: the step it entered, the event that moved it, and why. */
@Entity
@Table(name = "workflow_step")
class WorkflowStep {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id; // until it is saved

    @ManyToOne
    @JoinColumn(name = "workflow_id")
    private Workflow workflow;

    private String step;
    private String eventType;
    private String detail;
    private Instant at;

    protected WorkflowStep() {}

    WorkflowStep(Workflow workflow, String step, String eventType, String detail) {
        this.workflow = workflow;
        this.step = step;
        this.eventType = eventType;
        this.detail = detail;
        this.at = Instant.now();
    }

    String step() {
        return step;
    }

    String eventType() {
        return eventType;
    }

    String detail() {
        return detail;
    }

    Instant at() {
        return at;
    }
}
