package dev.berrys.tool.registry;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface Tools extends JpaRepository<Tool, UUID>, JpaSpecificationExecutor<Tool> {
    Optional<Tool> findByTenantAndName(String tenant, String name);

    List<Tool> findByTenantAndMcpServerId(String tenant, UUID mcpServerId);
}
