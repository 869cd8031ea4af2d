package dev.berrys.agent.execution;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

interface Executions extends JpaRepository<Execution, UUID> {
    Optional<Execution> findByTenantAndId(String tenant, UUID id);

    Page<Execution> findByTenantAndTaskId(String tenant, UUID taskId, Pageable page);

    Page<Execution> findByTenantAndProjectId(String tenant, UUID projectId, Pageable page);

    Page<Execution> findByTenantAndTaskIdAndProjectId(String tenant, UUID taskId, UUID projectId, Pageable page);

    /** The PENDING executions among {@code ids}, locked; rows another transaction holds are skipped. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = "-2"))
    @Query("select e from Execution e where e.id in ?1 and e.status = ?2")
    List<Execution> lockWithStatus(Collection<UUID> ids, ExecutionStatus status);
}
