package dev.berrys.agent.memory;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface MemoryNotes extends JpaRepository<MemoryNote, UUID> {
    Page<MemoryNote> findByTenantAndProjectId(String tenant, UUID projectId, Pageable page);

    List<MemoryNote> findByTenantAndProjectIdOrderByCreatedAtDesc(String tenant, UUID projectId, Pageable page);
}
