package dev.berrys.integration.workflow;

import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import dev.berrys.starter.web.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/workflows?projectId=} and {@code GET /api/workflows/{id}} with every recorded step. */
@RestController
@RequestMapping("/api/workflows")
class WorkflowController {
    private final Workflows workflows;

    WorkflowController(Workflows workflows) {
        this.workflows = workflows;
    }

    record StepView(String step, String eventType, String detail, Instant at) {}

    record WorkflowView(
            UUID id,
            UUID projectId,
            String type,
            String status,
            String step,
            @Nullable UUID planId,
            int planVersion,
            boolean requirePlanApproval,
            @Nullable String outcome,
            Instant createdAt,
            Instant updatedAt,
            @Nullable Instant completedAt,
            @Nullable Instant stepDeadline,
            int stepRetries,
            @Nullable String stalledReason,
            @Nullable List<StepView> steps) {}

    @GetMapping
    @Transactional(readOnly = true)
    PageResponse<WorkflowView> list(
            @RequestParam(required = false) @Nullable UUID projectId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        var pageable = PageRequests.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt"));
        String tenant = Tenants.require();
        var found = projectId == null
                ? workflows.findByTenant(tenant, pageable)
                : workflows.findByTenantAndProjectId(tenant, projectId, pageable);
        return PageResponse.of(found, w -> view(w, false));
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    WorkflowView get(@PathVariable UUID id) {
        return workflows
                .findByIdAndTenant(id, Tenants.require())
                .map(w -> view(w, true))
                .orElseThrow(() -> new ProblemException.NotFound("workflow", id));
    }

    private static WorkflowView view(Workflow w, boolean withSteps) {
        return new WorkflowView(
                w.id(),
                w.projectId(),
                w.type(),
                w.status().name(),
                w.step().name(),
                w.planId(),
                w.planVersion(),
                w.requirePlanApproval(),
                w.outcome(),
                w.createdAt(),
                w.updatedAt(),
                w.completedAt(),
                w.stepDeadline(),
                w.stepAttempts(),
                w.stalledReason(),
                withSteps
                        ? w.steps().stream()
                                .map(s -> new StepView(s.step(), s.eventType(), s.detail(), s.at()))
                                .toList()
                        : null);
    }
}
