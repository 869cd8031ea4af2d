package dev.berrys.project.project;

import dev.berrys.contracts.events.ProjectEvents;
import dev.berrys.contracts.security.Role;
import dev.berrys.project.timeline.ProjectEventLog;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.ProblemException;
import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a user does to a project through the API; each change is published in its transaction. */
@Service
@Transactional
public class ProjectCommands {
    private final Projects projects;
    private final ProjectEventLog events;
    private final ApplicationEventPublisher local;

    ProjectCommands(Projects projects, ProjectEventLog events, ApplicationEventPublisher local) {
        this.projects = projects;
        this.events = events;
        this.local = local;
    }

    public ProjectView create(
            String name,
            String goal,
            @Nullable BigDecimal budgetUsd,
            @Nullable Long budgetTokens,
            boolean requirePlanApproval) {
        var project = projects.saveAndFlush(
                new Project(Tenants.require(), name, goal, budgetUsd, budgetTokens, requirePlanApproval));
        publish(
                project,
                new ProjectEvents.Created(project.id(), name, goal, budgetUsd, budgetTokens, requirePlanApproval));
        return project.view();
    }

    public ProjectView start(UUID id) {
        var project = lock(id);
        project.start();
        publish(
                project,
                new ProjectEvents.Started(
                        project.id(),
                        project.name(),
                        project.goal(),
                        project.budgetUsd(),
                        project.budgetTokens(),
                        project.requirePlanApproval()));
        return project.view();
    }

    public ProjectView pause(UUID id, @Nullable String reason) {
        var project = lock(id);
        String why = reason == null || reason.isBlank() ? StatusReasons.USER_REQUESTED : reason;
        project.pause(why);
        publish(project, new ProjectEvents.Paused(project.id(), why));
        return project.view();
    }

    public ProjectView resume(UUID id) {
        var project = lock(id);
        project.resume();
        resumed(project);
        return project.view();
    }

    public ProjectView cancel(UUID id, @Nullable String reason) {
        var project = lock(id);
        String why = reason == null || reason.isBlank() ? StatusReasons.USER_REQUESTED : reason;
        project.cancel(why);
        publish(project, new ProjectEvents.Cancelled(project.id(), why));
        return project.view();
    }

    /** Sets the limits given; raising a limit of a project paused for its budget resumes it. */
    public ProjectView changeBudget(UUID id, @Nullable BigDecimal usd, @Nullable Long tokens) {
        if (usd == null && tokens == null) {
            throw new ProblemException.BadRequest("budgetUsd", "Give budgetUsd, budgetTokens or both.");
        }
        var project = lock(id);
        boolean resumed = project.changeBudget(usd, tokens);
        publish(
                project,
                new ProjectEvents.BudgetChanged(
                        project.id(), project.budgetUsd(), project.budgetTokens(), callerRole()));
        if (resumed) {
            resumed(project);
        }
        return project.view();
    }

    /** ADMIN when the caller is one, else OPERATOR: carried with a budget change so an admin's limits hold. */
    private static String callerRole() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        boolean admin = auth != null
                && auth.getAuthorities().stream()
                        .anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
        return admin ? Role.ADMIN.name() : Role.OPERATOR.name();
    }

    private void resumed(Project project) {
        publish(project, new ProjectEvents.Resumed(project.id()));
        local.publishEvent(new ProjectResumed(project.id(), project.tenant()));
    }

    private Project lock(UUID id) {
        return projects.lock(id, Tenants.require()).orElseThrow(() -> new ProblemException.NotFound("project", id));
    }

    private void publish(Project project, Object payload) {
        events.publish(project.tenant(), project.id(), payload);
    }
}
