package dev.berrys.agent.execution;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ExecutionSteps extends JpaRepository<ExecutionStep, UUID> {
    List<ExecutionStep> findByExecutionIdOrderByIndex(UUID executionId);
}
