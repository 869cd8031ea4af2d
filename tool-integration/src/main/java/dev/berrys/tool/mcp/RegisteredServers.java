package dev.berrys.tool.mcp;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface RegisteredServers extends JpaRepository<RegisteredServer, UUID> {
    Optional<RegisteredServer> findByIdAndTenant(UUID id, String tenant);

    boolean existsByTenantAndName(String tenant, String name);

    Page<RegisteredServer> findByTenant(String tenant, Pageable pageable);

    List<RegisteredServer> findByEnabledTrue();
}
