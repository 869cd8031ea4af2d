package dev.berrys.agent.team;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface Agents extends JpaRepository<Agent, UUID> {
    Page<Agent> findByTenantAndProjectId(String tenant, UUID projectId, Pageable page);

    Page<Agent> findByTenant(String tenant, Pageable page);

    Optional<Agent> findByTenantAndId(String tenant, UUID id);

    List<Agent> findByTenantAndProjectIdAndRoleIn(String tenant, UUID projectId, Collection<String> roles);

    List<Agent> findByIdIn(Collection<UUID> ids);
}
