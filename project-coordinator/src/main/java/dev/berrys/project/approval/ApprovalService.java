package dev.berrys.project.approval;

import dev.berrys.contracts.events.ProjectEvents;
import dev.berrys.contracts.events.WorkflowEvents;
import dev.berrys.project.project.ProjectFlow;
import dev.berrys.project.timeline.ProjectEventLog;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import dev.berrys.starter.web.ProblemException;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The approvals inbox: opened by the workflow's {@code approval.required}, decided by a person. */
@Service
@Transactional
public class ApprovalService {
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

    private final Approvals approvals;
    private final ProjectFlow projects;
    private final ProjectEventLog events;

    ApprovalService(Approvals approvals, ProjectFlow projects, ProjectEventLog events) {
        this.approvals = approvals;
        this.projects = projects;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public PageResponse<ApprovalView> list(
            @Nullable ApprovalStatus status, @Nullable UUID projectId, int page, int size) {
        String tenant = Tenants.require();
        Specification<Approval> filter = (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.equal(root.get("tenant"), tenant));
            if (status != null) {
                where.add(cb.equal(root.get("status"), status));
            }
            if (projectId != null) {
                where.add(cb.equal(root.get("projectId"), projectId));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        return PageResponse.of(approvals.findAll(filter, PageRequests.of(page, size, NEWEST_FIRST)), Approval::view);
    }

    @Transactional(readOnly = true)
    public ApprovalView get(UUID id) {
        return approvals
                .findByIdAndTenant(id, Tenants.require())
                .map(Approval::view)
                .orElseThrow(() -> new ProblemException.NotFound("approval", id));
    }

    public ApprovalView approve(UUID id, @Nullable String comment) {
        Approval approval = lock(id);
        approval.approve(caller(), comment);
        projects.approvalDecided(approval.tenant(), approval.projectId());
        events.publish(
                approval.tenant(),
                approval.projectId(),
                new ProjectEvents.ApprovalGranted(approval.id(), approval.projectId(), approval.planId(), comment));
        return approval.view();
    }

    public ApprovalView reject(UUID id, String comment) {
        Approval approval = lock(id);
        approval.reject(caller(), comment);
        projects.approvalDecided(approval.tenant(), approval.projectId());
        events.publish(
                approval.tenant(),
                approval.projectId(),
                new ProjectEvents.ApprovalRejected(approval.id(), approval.projectId(), approval.planId(), comment));
        return approval.view();
    }

    /** Opens one approval per plan, however often the workflow asks; runs in the inbox transaction. */
    void open(String tenant, WorkflowEvents.ApprovalRequired request) {
        if (approvals.existsByProjectIdAndPlanId(request.projectId(), request.planId())
                || !projects.awaitApproval(tenant, request.projectId())) {
            return;
        }
        Approval approval = approvals.save(new Approval(
                tenant,
                request.projectId(),
                request.planId(),
                request.planVersion(),
                request.workflowId(),
                request.summary()));
        events.publish(
                tenant,
                request.projectId(),
                new ProjectEvents.ApprovalRequested(
                        approval.id(), approval.projectId(), approval.planId(), approval.planVersion()));
    }

    private Approval lock(UUID id) {
        return approvals.lock(id, Tenants.require()).orElseThrow(() -> new ProblemException.NotFound("approval", id));
    }

    private static String caller() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "unknown" : auth.getName();
    }
}
