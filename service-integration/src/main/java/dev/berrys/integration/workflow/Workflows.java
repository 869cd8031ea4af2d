package dev.berrys.integration.workflow;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

interface Workflows extends JpaRepository<Workflow, UUID> {
    /** Locks the row: events of one project arriving on several streams are applied one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Workflow> findByProjectId(UUID projectId);

    Optional<Workflow> findByIdAndTenant(UUID id, String tenant);

    Page<Workflow> findByTenant(String tenant, Pageable pageable);

    Page<Workflow> findByTenantAndProjectId(String tenant, UUID projectId, Pageable pageable);
}
