package dev.berrys.project.result;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface Artifacts extends JpaRepository<Artifact, UUID> {

    List<Artifact> findByTenantAndProjectIdOrderByPosition(String tenant, UUID projectId);

    Page<Artifact> findByTenantAndProjectId(String tenant, UUID projectId, Pageable pageable);

    Optional<Artifact> findByIdAndTenantAndProjectId(UUID id, String tenant, UUID projectId);
}
