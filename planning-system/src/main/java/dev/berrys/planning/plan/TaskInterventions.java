package dev.berrys.planning.plan;

import dev.berrys.contracts.events.PlanningEvents.TaskReady;
import dev.berrys.contracts.events.PlanningEvents.TaskSkipped;
import dev.berrys.planning.plan.PlanViews.TaskView;
import dev.berrys.starter.events.EventPublisher;
import dev.berrys.starter.web.ProblemException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a person does to one task: retry it or skip it. Either reopens a FAILED plan (its other failed
 * tasks are retried too and the tasks its failure cancelled wait again), so the project can go on; the
 * project and its workflow follow on {@code plan.reopened}.
 */
@Service
@Transactional
public class TaskInterventions {
    private static final Logger log = LoggerFactory.getLogger(TaskInterventions.class);
    /** Plans whose tasks a person may still change: the others are finished for good. */
    private static final Set<PlanStatus> OPEN = EnumSet.of(PlanStatus.FAILED, PlanStatus.RUNNING, PlanStatus.PAUSED);

    private final Tasks tasks;
    private final PlanLocks locks;
    private final ProjectControls controls;
    private final PlanRunner runner;
    private final EventPublisher events;

    TaskInterventions(
            Tasks tasks, PlanLocks locks, ProjectControls controls, PlanRunner runner, EventPublisher events) {
        this.tasks = tasks;
        this.locks = locks;
        this.controls = controls;
        this.runner = runner;
        this.events = events;
    }

    /** A FAILED or CANCELLED task runs again as a new attempt, with a fresh allowance of retries. */
    public TaskView retry(String tenant, UUID taskId, @Nullable String reason) {
        PlanLocks.Locked locked = lock(tenant, taskId);
        Plan plan = locked.plan();
        Task task = locked.task();
        Instant now = Instant.now();
        task.retry();
        events.publish(task.id(), new TaskReady(task.id(), plan.id(), plan.projectId()), tenant);
        List<Task> all = tasks.findByPlanIdOrderByPosition(plan.id());
        if (plan.status() == PlanStatus.FAILED) {
            runner.reopen(plan, all, "task '" + task.title() + "' retried" + because(reason), now);
        } else {
            runner.completeOrAdvance(plan, all, now);
        }
        log.info("task {} of plan {} retried by a person", task.id(), plan.id());
        return TaskView.of(task);
    }

    /** A task that is not running nor done counts as done; its dependants get an output saying why. */
    public TaskView skip(String tenant, UUID taskId, String reason) {
        PlanLocks.Locked locked = lock(tenant, taskId);
        Plan plan = locked.plan();
        Task task = locked.task();
        Instant now = Instant.now();
        task.skip(reason, now);
        boolean failed = plan.status() == PlanStatus.FAILED;
        if (failed) {
            plan.reopen();
        }
        plan.taskCompleted(now);
        events.publish(
                task.id(),
                new TaskSkipped(
                        task.id(), plan.id(), plan.projectId(), reason, plan.completedTasks(), plan.taskCount()),
                tenant);
        List<Task> all = tasks.findByPlanIdOrderByPosition(plan.id());
        if (failed) {
            runner.reopen(plan, all, "task '" + task.title() + "' skipped: " + reason, now);
        } else {
            runner.completeOrAdvance(plan, all, now);
        }
        log.info("task {} of plan {} skipped by a person", task.id(), plan.id());
        return TaskView.of(task);
    }

    /** The task with its project's control row and its plan locked, in that order (as project changes do). */
    private PlanLocks.Locked lock(String tenant, UUID taskId) {
        Task found = tasks.findByIdAndTenant(taskId, tenant)
                .orElseThrow(() -> new ProblemException.NotFound("task", taskId));
        ProjectControls.State project = controls.lock(found.projectId(), tenant);
        PlanLocks.Locked locked =
                locks.task(taskId, tenant).orElseThrow(() -> new ProblemException.NotFound("task", taskId));
        PlanStatus status = locked.plan().status();
        if (project.cancelled() || !OPEN.contains(status)) {
            throw new ProblemException.Conflict(
                    "illegal-task-transition",
                    "Task " + taskId + " belongs to a plan that is "
                            + (project.cancelled() ? "CANCELLED" : status)
                            + "; its tasks can no longer be retried or skipped.");
        }
        return locked;
    }

    private static String because(@Nullable String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }
}
