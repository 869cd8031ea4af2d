package dev.berrys.project.approval.web;

import dev.berrys.project.approval.ApprovalService;
import dev.berrys.project.approval.ApprovalStatus;
import dev.berrys.project.approval.ApprovalView;
import dev.berrys.starter.web.PageResponse;
import dev.berrys.starter.web.ProblemException;
import jakarta.validation.Valid;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/approvals")
class ApprovalController {
    private final ApprovalService approvals;

    ApprovalController(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @GetMapping
    PageResponse<ApprovalView> list(
            @RequestParam(required = false) @Nullable ApprovalStatus status,
            @RequestParam(required = false) @Nullable UUID projectId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return approvals.list(status, projectId, page, size);
    }

    @GetMapping("/{id}")
    ApprovalView get(@PathVariable UUID id) {
        return approvals.get(id);
    }

    @PostMapping("/{id}/approve")
    ApprovalView approve(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable DecisionRequest body) {
        String comment =
                body == null || body.comment() == null || body.comment().isBlank() ? null : body.comment();
        return approvals.approve(id, comment);
    }

    @PostMapping("/{id}/reject")
    ApprovalView reject(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable DecisionRequest body) {
        if (body == null || body.comment() == null || body.comment().isBlank()) {
            throw new ProblemException.BadRequest(
                    "comment", "Field 'comment' is required to reject: say what the next plan should change.");
        }
        return approvals.reject(id, body.comment().strip());
    }
}
