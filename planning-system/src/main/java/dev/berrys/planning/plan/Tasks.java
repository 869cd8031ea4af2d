package dev.berrys.planning.plan;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface Tasks extends JpaRepository<Task, UUID> {

    /** A plan's tasks in plan order; their dependencies load in one batch on first access. */
    List<Task> findByPlanIdOrderByPosition(UUID planId);

    Optional<Task> findByIdAndTenant(UUID id, String tenant);

    Page<Task> findByTenantAndProjectIdAndPlanId(String tenant, UUID projectId, UUID planId, Pageable page);

    Page<Task> findByTenantAndProjectIdAndPlanIdAndStatus(
            String tenant, UUID projectId, UUID planId, TaskStatus status, Pageable page);

    @Query("select t.status as status, count(t) as count from Task t group by t.status")
    List<StatusCount> countByStatus();

    interface StatusCount {
        TaskStatus getStatus();

        long getCount();
    }
}
