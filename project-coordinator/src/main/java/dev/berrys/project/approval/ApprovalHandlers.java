package dev.berrys.project.approval;

import dev.berrys.contracts.events.WorkflowEvents;
import dev.berrys.starter.events.EventMetadata;
import dev.berrys.starter.events.OnEvent;
import org.springframework.stereotype.Component;

@Component
class ApprovalHandlers {
    private final ApprovalService approvals;

    ApprovalHandlers(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @OnEvent
    void approvalRequired(WorkflowEvents.ApprovalRequired e, EventMetadata meta) {
        approvals.open(meta.tenant(), e);
    }
}
