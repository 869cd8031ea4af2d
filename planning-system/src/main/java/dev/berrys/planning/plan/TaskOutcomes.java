package dev.berrys.planning.plan;

import dev.berrys.contracts.events.AgentEvents.ExecutionCompleted;
import dev.berrys.contracts.events.AgentEvents.ExecutionContinued;
import dev.berrys.contracts.events.AgentEvents.ExecutionFailed;
import dev.berrys.contracts.events.AgentEvents.ExecutionInputReceived;
import dev.berrys.contracts.events.AgentEvents.ExecutionInputRequested;
import dev.berrys.contracts.events.AgentEvents.ExecutionStarted;
import dev.berrys.contracts.events.AgentEvents.ExecutionWaiting;
import dev.berrys.contracts.events.PlanningEvents.TaskCompleted;
import dev.berrys.contracts.events.PlanningEvents.TaskFailed;
import dev.berrys.contracts.events.PlanningEvents.TaskRetryScheduled;
import dev.berrys.contracts.events.PlanningEvents.TaskStarted;
import dev.berrys.starter.events.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what executions report about tasks. News of a task already final or waiting for a retry, or of
 * an attempt that is not the task's current one, changes nothing. A completion touches only its task and the plan's counter
 * unless it has dependants or is the plan's last task.
 */
@Service
@Transactional
class TaskOutcomes {
    private static final Logger log = LoggerFactory.getLogger(TaskOutcomes.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final PlanLocks locks;
    private final Tasks tasks;
    private final TaskDispatcher dispatcher;
    private final PlanRunner runner;
    private final EventPublisher events;
    private final TaskProperties props;
    private final RetryScheduler retries;

    TaskOutcomes(
            PlanLocks locks,
            Tasks tasks,
            TaskDispatcher dispatcher,
            PlanRunner runner,
            EventPublisher events,
            TaskProperties props,
            RetryScheduler retries) {
        this.locks = locks;
        this.tasks = tasks;
        this.dispatcher = dispatcher;
        this.runner = runner;
        this.events = events;
        this.props = props;
        this.retries = retries;
    }

    private record Current(Plan plan, Task task) {}

    void started(ExecutionStarted e, String tenant) {
        current(e.taskId(), e.attempt(), tenant).ifPresent(c -> {
            if (c.task().status() != TaskStatus.ASSIGNED) {
                return;
            }
            c.task().start(e.executionId(), e.agentId(), Instant.now());
            events.publish(
                    e.taskId(),
                    new TaskStarted(e.taskId(), c.plan().id(), c.plan().projectId(), e.agentId(), e.executionId()),
                    tenant);
        });
    }

    /** The task's execution waits for an unavailable dependency: shown on the task, no attempt used up. */
    void waiting(ExecutionWaiting e, String tenant) {
        current(e.taskId(), e.attempt(), tenant).ifPresent(c -> c.task().waiting(e.reason(), e.since()));
    }

    /**
     * The task's agent asked a person a question: shown on the task ("waiting: a person's answer to …") for as
     * long as the person takes; nothing fails or retries it meanwhile.
     */
    void inputRequested(ExecutionInputRequested e, String tenant) {
        String question =
                e.question().length() <= 200 ? e.question() : e.question().substring(0, 199) + "…";
        current(e.taskId(), e.attempt(), tenant)
                .ifPresent(c -> c.task().waiting("a person's answer to: " + question, Instant.now()));
    }

    void inputReceived(ExecutionInputReceived e, String tenant) {
        current(e.taskId(), e.attempt(), tenant).ifPresent(c -> c.task().stopWaiting());
    }

    void continued(ExecutionContinued e, String tenant) {
        current(e.taskId(), e.attempt(), tenant).ifPresent(c -> c.task().stopWaiting());
    }

    void completed(ExecutionCompleted e, String tenant) {
        current(e.taskId(), e.attempt(), tenant).ifPresent(c -> {
            c.task().stopWaiting();
            Plan plan = c.plan();
            Instant now = Instant.now();
            c.task().complete(e.output(), now);
            plan.taskCompleted(now);
            events.publish(
                    e.taskId(),
                    new TaskCompleted(e.taskId(), plan.id(), plan.projectId(), plan.completedTasks(), plan.taskCount()),
                    tenant);
            if (plan.status() == PlanStatus.COMPLETED || c.task().dependants() > 0) {
                runner.completeOrAdvance(plan, tasks.findByPlanIdOrderByPosition(plan.id()), now);
            }
        });
    }

    void failed(ExecutionFailed e, String tenant) {
        current(e.taskId(), e.attempt(), tenant).ifPresent(c -> {
            c.task().stopWaiting();
            Plan plan = c.plan();
            Task task = c.task();
            Instant now = Instant.now();
            if (e.retryable() && task.attemptsSinceRetry() < props.maxAttempts()) {
                Instant notBefore = now.plus(backoff(task.attempts()));
                task.retryAt(notBefore, e.reason());
                retries.dueAt(notBefore);
                events.publish(
                        task.id(),
                        new TaskRetryScheduled(
                                task.id(), plan.id(), plan.projectId(), task.attempts() + 1, notBefore, e.reason()),
                        tenant);
                return;
            }
            task.fail(e.reason(), now);
            events.publish(
                    task.id(),
                    new TaskFailed(task.id(), plan.id(), plan.projectId(), e.reason(), task.attempts()),
                    tenant);
            String reason = "Task '" + task.title() + "' (" + task.key() + ") failed after " + task.attempts()
                    + (task.attempts() == 1 ? " attempt: " : " attempts: ") + e.reason();
            runner.fail(plan, tasks.findByPlanIdOrderByPosition(plan.id()), reason, now);
        });
    }

    /** Delay before the attempt after {@code failedAttempt}: the base doubled per attempt, ±20% jitter. */
    Duration backoff(int failedAttempt) {
        return backoff(
                props.retryBackoff(), failedAttempt, ThreadLocalRandom.current().nextDouble());
    }

    /** {@code random} in [0, 1) picks the jitter; at most {@link #MAX_BACKOFF}. */
    static Duration backoff(Duration base, int failedAttempt, double random) {
        long doubled = base.toMillis() << Math.min(20, Math.max(0, failedAttempt - 1));
        long jittered = (long) (doubled * (0.8 + 0.4 * random));
        return Duration.ofMillis(Math.min(jittered, MAX_BACKOFF.toMillis()));
    }

    /** The task and its locked plan, when the news is about the task's current attempt. */
    private Optional<Current> current(UUID taskId, int attempt, String tenant) {
        Optional<PlanLocks.Locked> locked = locks.task(taskId, tenant);
        if (locked.isEmpty()) {
            log.debug("news of unknown task {} ignored", taskId);
            return Optional.empty();
        }
        Task task = locked.get().task();
        if (!task.isCurrent(attempt) || !task.isInFlight()) {
            log.debug("news of task {} attempt {} ignored: stale or final", taskId, attempt);
            return Optional.empty();
        }
        return Optional.of(new Current(locked.get().plan(), task));
    }
}
