package dev.berrys.project.project;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface Projects extends JpaRepository<Project, UUID> {

    Optional<Project> findByIdAndTenant(UUID id, String tenant);

    /** Locks the row for a change: API commands and event handlers on one project take turns. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Project p where p.id = :id and p.tenant = :tenant")
    Optional<Project> lock(UUID id, String tenant);

    Page<Project> findByTenant(String tenant, Pageable pageable);

    Page<Project> findByTenantAndStatus(String tenant, ProjectStatus status, Pageable pageable);

    @Query("select p.status, count(p) from Project p group by p.status")
    List<Object[]> countByStatus();
}
