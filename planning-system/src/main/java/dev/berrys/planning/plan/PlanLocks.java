package dev.berrys.planning.plan;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds a task with its plan locked. Every path that changes tasks locks the plan row first and reads
 * tasks only after that, so a task read here is current. Cheap when many events of one plan are handled
 * in one transaction (the inbox handles a batch of stream entries per transaction): the plan is locked
 * once and found in the persistence context afterwards, and a task's plan id (which never changes) is
 * remembered.
 */
@Component
class PlanLocks {
    private static final int REMEMBERED = 50_000;

    private final EntityManager entityManager;
    private final JdbcTemplate jdbc;
    private final Map<UUID, UUID> planOfTask = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, UUID> eldest) {
            return size() > REMEMBERED;
        }
    };

    PlanLocks(EntityManager entityManager, JdbcTemplate jdbc) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
    }

    record Locked(Plan plan, Task task) {}

    /** The task and its plan, locked until the transaction ends; empty for an unknown or another tenant's task. */
    Optional<Locked> task(UUID taskId, String tenant) {
        UUID planId = planOf(taskId);
        if (planId == null) {
            return Optional.empty();
        }
        Plan plan = entityManager.find(Plan.class, planId, LockModeType.PESSIMISTIC_WRITE);
        Task task = entityManager.find(Task.class, taskId);
        if (plan == null || task == null || !plan.tenant().equals(tenant)) {
            return Optional.empty();
        }
        return Optional.of(new Locked(plan, task));
    }

    private @Nullable UUID planOf(UUID taskId) {
        synchronized (planOfTask) {
            UUID known = planOfTask.get(taskId);
            if (known != null) {
                return known;
            }
        }
        UUID planId =
                jdbc
                        .query("select plan_id from task where id = ?", (rs, i) -> rs.getObject(1, UUID.class), taskId)
                        .stream()
                        .findFirst()
                        .orElse(null);
        if (planId != null) {
            synchronized (planOfTask) {
                planOfTask.put(taskId, planId);
            }
        }
        return planId;
    }
}
