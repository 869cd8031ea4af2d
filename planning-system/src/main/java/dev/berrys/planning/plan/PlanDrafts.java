package dev.berrys.planning.plan;

import dev.berrys.contracts.api.PlanProposal;
import dev.berrys.contracts.api.PlanProposal.ProposedTask;
import dev.berrys.contracts.events.PlanningEvents.PlanCreated;
import dev.berrys.contracts.events.PlanningEvents.TaskSpec;
import dev.berrys.planning.graph.PlanValidator;
import dev.berrys.planning.graph.TaskGraph;
import dev.berrys.starter.events.EventPublisher;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Turns a validated proposal into the project's next plan version and describes earlier versions. */
@Service
public class PlanDrafts {
    private static final Logger log = LoggerFactory.getLogger(PlanDrafts.class);

    private final Plans plans;
    private final Tasks tasks;
    private final EntityManager entityManager;
    private final EventPublisher events;

    PlanDrafts(Plans plans, Tasks tasks, EntityManager entityManager, EventPublisher events) {
        this.plans = plans;
        this.tasks = tasks;
        this.entityManager = entityManager;
        this.events = events;
    }

    /**
     * Stores {@code proposal} (valid, see {@link PlanValidator}) as the project's next version with its
     * critical path, supersedes versions that never ran, and publishes {@code plan.created}. The caller
     * holds the project's lock ({@link ProjectControls#lock}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID create(String tenant, UUID projectId, String goal, @Nullable String feedback, PlanProposal proposal) {
        Instant now = Instant.now();
        plans.lockByProject(tenant, projectId, EnumSet.of(PlanStatus.CREATED)).forEach(p -> p.supersede(now));
        List<ProposedTask> proposed = proposal.tasks();
        var plan = new Plan(
                UUID.randomUUID(),
                tenant,
                projectId,
                plans.maxVersion(projectId) + 1,
                goal,
                feedback,
                proposed.size(),
                now);
        entityManager.persist(plan);

        TaskGraph graph = PlanValidator.graph(proposal);
        List<Integer> critical = graph.criticalPath();
        Map<Integer, Integer> criticalPosition = new HashMap<>();
        for (int i = 0; i < critical.size(); i++) {
            criticalPosition.put(critical.get(i), i);
        }
        List<UUID> ids = proposed.stream().map(t -> UUID.randomUUID()).toList();
        int[] dependants = new int[proposed.size()];
        graph.dependsOn().forEach(deps -> deps.forEach(d -> dependants[d]++));
        List<TaskSpec> specs = new ArrayList<>(proposed.size());
        for (int i = 0; i < proposed.size(); i++) {
            ProposedTask p = proposed.get(i);
            List<UUID> dependsOn =
                    graph.dependsOn().get(i).stream().map(ids::get).toList();
            var task = new Task(
                    ids.get(i),
                    plan,
                    i,
                    p.key(),
                    p.title().trim(),
                    p.description().trim(),
                    PlanValidator.normalizeRole(p.role()),
                    dependsOn,
                    dependants[i],
                    criticalPosition.get(i));
            entityManager.persist(task);
            specs.add(new TaskSpec(task.id(), task.title(), task.role(), dependsOn));
        }
        List<UUID> criticalPath = critical.stream().map(ids::get).toList();
        events.publish(plan.id(), new PlanCreated(plan.id(), projectId, plan.version(), specs, criticalPath), tenant);
        log.info(
                "plan {} version {} created for project {} with {} tasks (critical path {})",
                plan.id(),
                plan.version(),
                projectId,
                proposed.size(),
                criticalPath.size());
        return plan.id();
    }

    /** An earlier version as the proposal it came from, to show the model what was rejected. */
    @Transactional(readOnly = true)
    public Optional<PlanProposal> describe(UUID planId, String tenant) {
        return plans.findByIdAndTenant(planId, tenant).map(plan -> {
            List<Task> all = tasks.findByPlanIdOrderByPosition(planId);
            Map<UUID, String> keys = new HashMap<>();
            all.forEach(t -> keys.put(t.id(), t.key()));
            return new PlanProposal(all.stream()
                    .map(t -> new ProposedTask(
                            t.key(),
                            t.title(),
                            t.description(),
                            t.role(),
                            t.dependsOn().stream()
                                    .map(keys::get)
                                    .sorted(Comparator.naturalOrder())
                                    .toList()))
                    .toList());
        });
    }
}
