package dev.berrys.project.project;

import dev.berrys.contracts.events.ProjectEvents;
import dev.berrys.project.timeline.ProjectEventLog;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the other services' events do to a project, for the event handlers of every feature. Each method
 * runs in the caller's transaction (the inbox's), locks the project, and ignores an unknown project.
 */
@Service
@Transactional
public class ProjectFlow {
    private static final Logger log = LoggerFactory.getLogger(ProjectFlow.class);

    private final Projects projects;
    private final ProjectEventLog events;
    private final ApplicationEventPublisher local;

    ProjectFlow(Projects projects, ProjectEventLog events, ApplicationEventPublisher local) {
        this.projects = projects;
        this.events = events;
        this.local = local;
    }

    public void planCreated(String tenant, UUID projectId, UUID planId, int version, int tasks) {
        lock(tenant, projectId).ifPresent(p -> p.planCreated(planId, version, tasks));
    }

    public void runRequested(String tenant, UUID projectId, UUID planId) {
        lock(tenant, projectId).ifPresent(p -> {
            if (p.runRequested(planId)) {
                publish(p, new ProjectEvents.Running(projectId, planId));
            }
        });
    }

    public void taskCompleted(String tenant, UUID projectId, UUID planId, int done, int total) {
        lock(tenant, projectId).ifPresent(p -> p.taskCompleted(planId, done, total));
    }

    /** Moves the project to AWAITING_APPROVAL; false where no approval should be opened (unknown, finished). */
    public boolean awaitApproval(String tenant, UUID projectId) {
        return lock(tenant, projectId).map(Project::awaitApproval).orElse(false);
    }

    /** A person decided its plan: back to PLANNING. A 409 where the project is finished. */
    public void approvalDecided(String tenant, UUID projectId) {
        lock(tenant, projectId).ifPresent(Project::approvalDecided);
    }

    public void pauseForBudget(String tenant, UUID projectId) {
        lock(tenant, projectId).ifPresent(p -> {
            if (p.pauseForBudget()) {
                publish(p, new ProjectEvents.Paused(projectId, StatusReasons.BUDGET_EXCEEDED));
            }
        });
    }

    /** COMPLETED with the result's summary; false where the project was finished meanwhile. */
    public boolean complete(String tenant, UUID projectId, String summary) {
        return lock(tenant, projectId)
                .map(p -> {
                    boolean completed = p.complete();
                    if (completed) {
                        publish(p, new ProjectEvents.Completed(projectId, summary));
                    }
                    return completed;
                })
                .orElse(false);
    }

    public void fail(String tenant, UUID projectId, String reason) {
        lock(tenant, projectId).ifPresent(p -> {
            if (p.fail(reason)) {
                publish(p, new ProjectEvents.Failed(projectId, reason));
            }
        });
    }

    /**
     * planning-system reopened the project's failed plan (a person retried or skipped a task): a FAILED
     * project goes back to work, announced as resumed so that the workflow goes on too.
     */
    public void planReopened(String tenant, UUID projectId) {
        lock(tenant, projectId).ifPresent(p -> {
            if (p.reopen()) {
                publish(p, new ProjectEvents.Resumed(projectId));
                local.publishEvent(new ProjectResumed(projectId, tenant));
            }
        });
    }

    /** A model call of the project: its spend, and whether the built-in simulated model answered it. */
    public void recordUsage(String tenant, UUID projectId, BigDecimal costUsd, long tokens, boolean simulated) {
        lock(tenant, projectId).ifPresent(p -> p.recordUsage(costUsd, tokens, simulated));
    }

    /** The project's status, if this tenant has it. */
    @Transactional(readOnly = true)
    public Optional<ProjectStatus> status(String tenant, UUID projectId) {
        return projects.findByIdAndTenant(projectId, tenant).map(Project::status);
    }

    private Optional<Project> lock(String tenant, UUID projectId) {
        Optional<Project> project = projects.lock(projectId, tenant);
        if (project.isEmpty()) {
            log.debug("event about project {} ignored: tenant {} has no such project", projectId, tenant);
        }
        return project;
    }

    private void publish(Project project, Object payload) {
        events.publish(project.tenant(), project.id(), payload);
    }
}
