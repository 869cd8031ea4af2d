package dev.berrys.integration.workflow;

import dev.berrys.contracts.events.AgentEvents;
import dev.berrys.contracts.events.PlanningEvents;
import dev.berrys.contracts.events.ProjectEvents;
import dev.berrys.contracts.events.WorkflowEvents;
import dev.berrys.starter.events.EventMetadata;
import dev.berrys.starter.events.EventPublisher;
import dev.berrys.starter.events.OnEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code project-execution} saga: reacts to the events of the main flow and publishes the next
 * command. Its state is stored at every step in the handler's transaction, together with the inbox row
 * and the outgoing event, so a crash at any point resumes exactly where it stopped.
 */
@Component
class ProjectExecution {
    private static final Logger log = LoggerFactory.getLogger(ProjectExecution.class);

    private final Workflows workflows;
    private final EventPublisher events;
    private final WorkflowCommands commands;
    private final StepDeadlines deadlines;

    ProjectExecution(Workflows workflows, EventPublisher events, WorkflowCommands commands, StepDeadlines deadlines) {
        this.workflows = workflows;
        this.events = events;
        this.commands = commands;
        this.deadlines = deadlines;
    }

    @OnEvent
    void projectStarted(ProjectEvents.Started e, EventMetadata meta) {
        if (workflows.findByProjectId(e.projectId()).isPresent()) {
            return;
        }
        Workflow w = Workflow.start(meta.tenant(), e.projectId(), e.goal(), e.requirePlanApproval(), meta.type());
        w.scheduleDeadline(deadlines, Instant.now());
        workflows.save(w);
        commands.requestPlan(w);
        log.info("workflow {} started for project {}", w.id(), e.projectId());
    }

    @OnEvent
    void planCreated(PlanningEvents.PlanCreated e, EventMetadata meta) {
        withWorkflow(e.projectId(), w -> {
            List<String> roles = e.tasks().stream()
                    .map(PlanningEvents.TaskSpec::role)
                    .distinct()
                    .toList();
            if (w.planCreated(e.planId(), e.version(), roles, meta.type())) {
                commands.requestTeam(w);
            }
        });
    }

    @OnEvent
    void teamAssembled(AgentEvents.TeamAssembled e, EventMetadata meta) {
        withWorkflow(e.projectId(), w -> {
            Workflow.Step next = w.teamAssembled(e.planId(), e.agents(), meta.type());
            if (next == Workflow.Step.AWAITING_APPROVAL) {
                events.publish(
                        e.projectId(),
                        new WorkflowEvents.ApprovalRequired(
                                w.id(),
                                e.projectId(),
                                e.planId(),
                                w.planVersion(),
                                "Plan v" + w.planVersion() + " for: " + abbreviate(w.goal())));
            } else if (next == Workflow.Step.EXECUTING) {
                commands.runPlan(w);
            }
        });
    }

    @OnEvent
    void approvalGranted(ProjectEvents.ApprovalGranted e, EventMetadata meta) {
        withWorkflow(e.projectId(), w -> {
            if (w.approvalGranted(e.planId(), meta.type())) {
                commands.runPlan(w);
            }
        });
    }

    @OnEvent
    void approvalRejected(ProjectEvents.ApprovalRejected e, EventMetadata meta) {
        withWorkflow(e.projectId(), w -> {
            if (w.approvalRejected(e.planId(), e.comment(), meta.type())) {
                events.publish(
                        e.projectId(),
                        new WorkflowEvents.PlanRequested(w.id(), e.projectId(), w.goal(), e.comment(), e.planId()));
            }
        });
    }

    @OnEvent
    void planFailed(PlanningEvents.PlanFailed e, EventMetadata meta) {
        withWorkflow(e.projectId(), w -> w.note(meta.type(), "plan failed: " + e.reason()));
    }

    @OnEvent
    void projectPaused(ProjectEvents.Paused e, EventMetadata meta) {
        withWorkflow(e.projectId(), w -> w.note(meta.type(), "paused: " + e.reason()));
    }

    /** A FAILED workflow goes on (planning-system reruns a failed plan itself); a paused one is noted. */
    @OnEvent
    void projectResumed(ProjectEvents.Resumed e, EventMetadata meta) {
        withWorkflow(e.projectId(), w -> {
            Workflow.Step reopened = w.reopen(meta.type());
            if (reopened == null) {
                w.note(meta.type(), "resumed");
            } else if (reopened == Workflow.Step.PLANNING) {
                commands.requestPlan(w);
            }
        });
    }

    /** The plan's progress: the EXECUTING step's deadline starts again. */
    @OnEvent
    void taskCompleted(PlanningEvents.TaskCompleted e, EventMetadata meta) {
        withWorkflow(e.projectId(), Workflow::progressed);
    }

    @OnEvent
    void taskSkipped(PlanningEvents.TaskSkipped e, EventMetadata meta) {
        withWorkflow(e.projectId(), Workflow::progressed);
    }

    /** An agent waits for a person's answer: no deadline runs out meanwhile, however long the person takes. */
    @OnEvent
    void inputRequested(AgentEvents.ExecutionInputRequested e, EventMetadata meta) {
        withWorkflow(e.projectId(), w -> w.questionAsked(meta.type()));
    }

    @OnEvent
    void inputReceived(AgentEvents.ExecutionInputReceived e, EventMetadata meta) {
        withWorkflow(e.projectId(), w -> w.questionAnswered(meta.type()));
    }

    @OnEvent
    void projectCompleted(ProjectEvents.Completed e, EventMetadata meta) {
        finish(e.projectId(), Workflow.Status.COMPLETED, "project completed", meta);
    }

    @OnEvent
    void projectFailed(ProjectEvents.Failed e, EventMetadata meta) {
        finish(e.projectId(), Workflow.Status.FAILED, "project failed: " + e.reason(), meta);
    }

    @OnEvent
    void projectCancelled(ProjectEvents.Cancelled e, EventMetadata meta) {
        finish(e.projectId(), Workflow.Status.CANCELLED, "project cancelled: " + e.reason(), meta);
    }

    private void finish(UUID projectId, Workflow.Status status, String outcome, EventMetadata meta) {
        withWorkflow(projectId, w -> {
            if (w.finish(status, outcome, meta.type())) {
                events.publish(projectId, new WorkflowEvents.WorkflowCompleted(w.id(), projectId, status.name()));
            }
        });
    }

    /** Applies an event to the project's workflow; events of projects without one are ignored. */
    private void withWorkflow(UUID projectId, Consumer<Workflow> change) {
        Optional<Workflow> workflow = workflows.findByProjectId(projectId);
        if (workflow.isEmpty()) {
            log.debug("no workflow for project {}; event ignored", projectId);
            return;
        }
        change.accept(workflow.get());
        workflow.get().scheduleDeadline(deadlines, Instant.now());
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }
}
