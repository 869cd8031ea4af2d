package dev.berrys.planning.plan;

import dev.berrys.contracts.events.PlanningEvents.TaskAssigned;
import dev.berrys.contracts.events.PlanningEvents.TaskReady;
import dev.berrys.contracts.events.TaskOutput;
import dev.berrys.starter.events.EventPublisher;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Readies tasks whose dependencies are done and assigns ready tasks to the agent of their role. */
@Component
class TaskDispatcher {
    private static final Logger log = LoggerFactory.getLogger(TaskDispatcher.class);

    private final EventPublisher events;

    TaskDispatcher(EventPublisher events) {
        this.events = events;
    }

    /**
     * Readies every PENDING task whose dependencies are all done (COMPLETED or SKIPPED) and, while the plan runs, assigns every
     * READY task that is due (independent tasks all at once). {@code tasks} are all the plan's tasks.
     */
    void advance(Plan plan, List<Task> tasks, Instant now) {
        Map<UUID, Task> byId = index(tasks);
        for (Task task : tasks) {
            if (task.status() == TaskStatus.PENDING && dependenciesDone(task, byId)) {
                task.ready();
                events.publish(task.id(), new TaskReady(task.id(), plan.id(), plan.projectId()), plan.tenant());
            }
        }
        if (!plan.assigns()) {
            return;
        }
        for (Task task : tasks) {
            if (!task.isDue(now)) {
                continue;
            }
            Optional<UUID> agent = plan.agentFor(task.role());
            if (agent.isEmpty()) {
                log.warn("plan {} has no agent for role {}; task {} stays READY", plan.id(), task.role(), task.id());
                continue;
            }
            task.assign(agent.get(), now);
            announce(plan, task, byId);
        }
    }

    /** Publishes {@code task.assigned} for the task's current attempt, with its dependencies' outputs. */
    void announce(Plan plan, Task task, Map<UUID, Task> byId) {
        events.publish(
                task.id(),
                new TaskAssigned(
                        task.id(),
                        plan.id(),
                        plan.projectId(),
                        Objects.requireNonNull(task.agentId()),
                        task.role(),
                        task.title(),
                        task.description(),
                        plan.goal(),
                        task.attempts(),
                        outputs(task.dependsOn().stream()
                                .map(byId::get)
                                .filter(Objects::nonNull)
                                .toList())),
                plan.tenant());
    }

    /** What these tasks produced, in plan order. */
    static List<TaskOutput> outputs(Collection<Task> tasks) {
        return tasks.stream()
                .sorted(Comparator.comparingInt(Task::position))
                .map(t -> new TaskOutput(t.id(), t.title(), t.role(), Objects.requireNonNullElse(t.output(), "")))
                .toList();
    }

    static Map<UUID, Task> index(List<Task> tasks) {
        Map<UUID, Task> byId = HashMap.newHashMap(tasks.size());
        tasks.forEach(t -> byId.put(t.id(), t));
        return byId;
    }

    private static boolean dependenciesDone(Task task, Map<UUID, Task> byId) {
        for (UUID dep : task.dependsOn()) {
            Task d = byId.get(dep);
            if (d == null || !d.status().isDone()) {
                return false;
            }
        }
        return true;
    }
}
