package dev.berrys.project.approval;

public enum ApprovalStatus {
    PENDING,
    APPROVED,
    REJECTED
}
