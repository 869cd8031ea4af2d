package dev.berrys.tool.execution;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ToolExecutions extends JpaRepository<ToolExecution, UUID>, JpaSpecificationExecutor<ToolExecution> {
    Optional<ToolExecution> findByIdAndTenant(UUID id, String tenant);
}
