package dev.berrys.project.approval;

import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.EventTypes;
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

    @OnEvent(stream = Streams.WORKFLOW, type = EventTypes.APPROVAL_REQUIRED)
    void approvalRequired(WorkflowEvents.ApprovalRequired e, EventMetadata meta) {
        approvals.open(meta.tenant(), e);
    }
}
