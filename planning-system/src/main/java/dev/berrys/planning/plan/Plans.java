package dev.berrys.planning.plan;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Plans. Every change to a plan or its tasks first locks the plan row ({@link #lock}), then the tasks. */
interface Plans extends JpaRepository<Plan, UUID> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Plan p where p.id = :id and p.tenant = :tenant")
    Optional<Plan> lock(UUID id, String tenant);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Plan p where p.tenant = :tenant and p.projectId = :projectId and p.status in :statuses"
            + " order by p.version")
    List<Plan> lockByProject(String tenant, UUID projectId, Collection<PlanStatus> statuses);

    Optional<Plan> findByIdAndTenant(UUID id, String tenant);

    Page<Plan> findByTenantAndProjectId(String tenant, UUID projectId, Pageable page);

    Optional<Plan> findFirstByTenantAndProjectIdOrderByVersionDesc(String tenant, UUID projectId);

    @Query("select coalesce(max(p.version), 0) from Plan p where p.projectId = :projectId")
    int maxVersion(UUID projectId);

    /**
     * Locks up to {@code limit} running plans that have a READY task due now, skipping plans another
     * transaction (replica) holds.
     */
    @Query(
            nativeQuery = true,
            value = "select p.id from plan p where p.status = 'RUNNING' and exists (select 1 from task t"
                    + " where t.plan_id = p.id and t.status = 'READY'"
                    + " and (t.next_attempt_at is null or t.next_attempt_at <= now()))"
                    + " limit :limit for update of p skip locked")
    List<UUID> lockPlansWithDueTasks(int limit);
}
