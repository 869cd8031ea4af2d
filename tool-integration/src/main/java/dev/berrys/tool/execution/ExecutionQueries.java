package dev.berrys.tool.execution;

import dev.berrys.starter.web.ProblemException;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads the execution records of the current tenant. */
@Component
@Transactional(readOnly = true)
public class ExecutionQueries {
    private final ToolExecutions executions;

    ExecutionQueries(ToolExecutions executions) {
        this.executions = executions;
    }

    public Page<ExecutionView> list(
            String tenant,
            @Nullable UUID projectId,
            @Nullable UUID taskId,
            @Nullable UUID executionId,
            @Nullable String tool,
            Pageable page) {
        Specification<ToolExecution> spec = (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.equal(root.get("tenant"), tenant));
            if (projectId != null) {
                where.add(cb.equal(root.get("projectId"), projectId));
            }
            if (taskId != null) {
                where.add(cb.equal(root.get("taskId"), taskId));
            }
            if (executionId != null) {
                where.add(cb.equal(root.get("executionId"), executionId));
            }
            if (tool != null && !tool.isBlank()) {
                where.add(cb.equal(root.get("tool"), tool));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        return executions.findAll(spec, page).map(ToolExecution::view);
    }

    public ExecutionView get(String tenant, UUID id) {
        return executions
                .findByIdAndTenant(id, tenant)
                .map(ToolExecution::view)
                .orElseThrow(() -> new ProblemException.NotFound("tool execution", id));
    }
}
