package dev.berrys.planning.plan;

import dev.berrys.contracts.events.AgentRef;
import dev.berrys.contracts.events.PlanningEvents.PlanCompleted;
import dev.berrys.contracts.events.PlanningEvents.PlanFailed;
import dev.berrys.contracts.events.PlanningEvents.PlanReopened;
import dev.berrys.contracts.events.PlanningEvents.TaskCancelled;
import dev.berrys.contracts.events.PlanningEvents.TaskReady;
import dev.berrys.contracts.events.WorkflowEvents.PlanRunRequested;
import dev.berrys.planning.graph.PlanValidator;
import dev.berrys.starter.events.EventPublisher;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Runs, pauses, resumes and cancels plans; each loads the plan's tasks once and assigns in one transaction. */
@Service
@Transactional
class PlanRunner {
    private static final Logger log = LoggerFactory.getLogger(PlanRunner.class);
    /** Running plans with a READY task due now, skipping plans another transaction (replica) holds. */
    private static final String DUE_PLANS = "select p.id from plan p where p.status = 'RUNNING' and exists"
            + " (select 1 from task t where t.plan_id = p.id and t.status = 'READY'"
            + " and (t.next_attempt_at is null or t.next_attempt_at <= now()))"
            + " limit ? for update of p skip locked";

    private final Plans plans;
    private final Tasks tasks;
    private final ProjectControls controls;
    private final TaskDispatcher dispatcher;
    private final EventPublisher events;
    private final JdbcTemplate jdbc;

    PlanRunner(
            Plans plans,
            Tasks tasks,
            ProjectControls controls,
            TaskDispatcher dispatcher,
            EventPublisher events,
            JdbcTemplate jdbc) {
        this.plans = plans;
        this.tasks = tasks;
        this.controls = controls;
        this.dispatcher = dispatcher;
        this.events = events;
        this.jdbc = jdbc;
    }

    void run(PlanRunRequested request, String tenant) {
        ProjectControls.State project = controls.lock(request.projectId(), tenant);
        Plan plan = plans.lock(request.planId(), tenant).orElse(null);
        if (plan == null || plan.status() != PlanStatus.CREATED) {
            log.info("run of plan {} ignored: {}", request.planId(), plan == null ? "unknown" : plan.status());
            if (plan != null) {
                repeatOutcome(plan);
            }
            return;
        }
        Instant now = Instant.now();
        if (plans.maxVersion(plan.projectId()) > plan.version()) {
            log.info("run of plan {} ignored: a newer version exists", plan.id());
            plan.supersede(now);
            return;
        }
        List<Task> all = tasks.findByPlanIdOrderByPosition(plan.id());
        if (project.cancelled()) {
            cancel(plan, all, "project cancelled", now);
            return;
        }
        Map<String, UUID> team = new LinkedHashMap<>();
        for (AgentRef agent : request.agents()) {
            team.putIfAbsent(PlanValidator.normalizeRole(agent.role()), agent.agentId());
        }
        var missing = new TreeSet<String>();
        all.stream().map(Task::role).filter(r -> !team.containsKey(r)).forEach(missing::add);
        plan.start(team, project.paused(), now);
        if (!missing.isEmpty()) {
            fail(plan, all, "The team has no agent for role(s) " + String.join(", ", missing) + ".", now);
            return;
        }
        dispatcher.advance(plan, all, now);
        log.info("plan {} of project {} runs ({} tasks)", plan.id(), plan.projectId(), plan.taskCount());
    }

    void pause(UUID projectId, String tenant) {
        controls.lock(projectId, tenant);
        controls.paused(projectId, true);
        plans.lockByProject(tenant, projectId, EnumSet.of(PlanStatus.RUNNING)).forEach(Plan::pause);
    }

    /**
     * The project goes on: a paused plan resumes, and a FAILED latest version is reopened (the project
     * was resumed after its failure).
     */
    void resume(UUID projectId, String tenant) {
        ProjectControls.State project = controls.lock(projectId, tenant);
        controls.paused(projectId, false);
        Instant now = Instant.now();
        for (Plan plan : plans.lockByProject(tenant, projectId, EnumSet.of(PlanStatus.PAUSED))) {
            plan.resume();
            dispatcher.advance(plan, tasks.findByPlanIdOrderByPosition(plan.id()), now);
        }
        if (project.cancelled()) {
            return;
        }
        plans.findFirstByTenantAndProjectIdOrderByVersionDesc(tenant, projectId)
                .filter(p -> p.status() == PlanStatus.FAILED)
                .flatMap(p -> plans.lock(p.id(), tenant))
                .filter(p -> p.status() == PlanStatus.FAILED)
                .ifPresent(p -> reopen(p, tasks.findByPlanIdOrderByPosition(p.id()), "project resumed", now));
    }

    /**
     * Runs a FAILED plan again: its failed tasks are retried, the tasks its failure cancelled wait for
     * their dependencies again, completed (and skipped) tasks keep their outputs. The caller may already
     * have changed one task (a person's skip) after reopening the plan itself.
     */
    void reopen(Plan plan, List<Task> all, String reason, Instant now) {
        if (plan.status() == PlanStatus.FAILED) {
            plan.reopen();
        }
        for (Task task : all) {
            if (task.status() == TaskStatus.FAILED) {
                task.retry();
                events.publish(task.id(), new TaskReady(task.id(), plan.id(), plan.projectId()), plan.tenant());
            } else if (task.status() == TaskStatus.CANCELLED) {
                task.reopen();
            }
        }
        events.publish(plan.id(), new PlanReopened(plan.id(), plan.projectId(), reason), plan.tenant());
        log.info("plan {} of project {} reopened: {}", plan.id(), plan.projectId(), reason);
        completeOrAdvance(plan, all, now);
    }

    /**
     * The workflow asked again for a plan that already ended (it heard nothing of the end: the event was
     * lost), so the end is told again; its consumers are idempotent.
     */
    private void repeatOutcome(Plan plan) {
        if (plan.status() == PlanStatus.COMPLETED) {
            completeOrAdvance(plan, tasks.findByPlanIdOrderByPosition(plan.id()), Instant.now());
        } else if (plan.status() == PlanStatus.FAILED) {
            String reason = java.util.Objects.requireNonNullElse(plan.statusReason(), "the plan failed");
            events.publish(plan.id(), new PlanFailed(plan.projectId(), plan.id(), reason), plan.tenant());
        }
    }

    /** After a task was counted done: the plan's completion, or its dependants readied and assigned. */
    void completeOrAdvance(Plan plan, List<Task> all, Instant now) {
        if (plan.status() == PlanStatus.COMPLETED) {
            events.publish(
                    plan.id(),
                    new PlanCompleted(plan.id(), plan.projectId(), plan.goal(), TaskDispatcher.outputs(all)),
                    plan.tenant());
            log.info("plan {} of project {} completed", plan.id(), plan.projectId());
        } else {
            dispatcher.advance(plan, all, now);
        }
    }

    void cancel(UUID projectId, String tenant, String reason) {
        controls.lock(projectId, tenant);
        controls.cancelled(projectId);
        Instant now = Instant.now();
        var open = EnumSet.of(PlanStatus.CREATED, PlanStatus.RUNNING, PlanStatus.PAUSED);
        for (Plan plan : plans.lockByProject(tenant, projectId, open)) {
            cancel(plan, tasks.findByPlanIdOrderByPosition(plan.id()), reason, now);
        }
    }

    /** Assigns the due retries of running plans that no other replica is handling; returns plans handled. */
    int assignDueTasks(int limit) {
        List<UUID> due = jdbc.query(DUE_PLANS, (rs, i) -> rs.getObject(1, UUID.class), limit);
        Instant now = Instant.now();
        for (UUID id : due) {
            plans.findById(id).ifPresent(plan -> dispatcher.advance(plan, tasks.findByPlanIdOrderByPosition(id), now));
        }
        return due.size();
    }

    /** Fails the plan with {@code reason}, cancelling its unfinished tasks. */
    void fail(Plan plan, List<Task> all, String reason, Instant now) {
        plan.fail(reason, now);
        events.publish(plan.id(), new PlanFailed(plan.projectId(), plan.id(), reason), plan.tenant());
        cancelTasks(plan, all, "plan failed", now);
        log.info("plan {} of project {} failed", plan.id(), plan.projectId());
    }

    private void cancel(Plan plan, List<Task> all, String reason, Instant now) {
        plan.cancel(reason, now);
        cancelTasks(plan, all, reason, now);
        log.info("plan {} of project {} cancelled", plan.id(), plan.projectId());
    }

    private void cancelTasks(Plan plan, List<Task> all, String reason, Instant now) {
        for (Task task : all) {
            if (!task.status().isFinal()) {
                task.cancel(now);
                events.publish(
                        task.id(), new TaskCancelled(task.id(), plan.id(), plan.projectId(), reason), plan.tenant());
            }
        }
    }
}
