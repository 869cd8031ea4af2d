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
}
