package dev.berrys.agent.template;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AgentTemplates extends JpaRepository<AgentTemplate, UUID> {

    @Query("select t from AgentTemplate t where t.tenant is null or t.tenant = ?1")
    Page<AgentTemplate> visibleTo(String tenant, Pageable page);

    @Query("select t from AgentTemplate t where t.id = ?2 and (t.tenant is null or t.tenant = ?1)")
    Optional<AgentTemplate> findVisible(String tenant, UUID id);

    @Query("select t from AgentTemplate t where t.role = ?2 and (t.tenant is null or t.tenant = ?1)")
    List<AgentTemplate> forRole(String tenant, String role);

    @Query("select t from AgentTemplate t where t.id in ?1")
    List<AgentTemplate> findByIds(Collection<UUID> ids);

    @Query("select count(t) > 0 from AgentTemplate t where t.tenant = ?1 and t.role = ?2")
    boolean tenantHasRole(String tenant, String role);
}
