package dev.berrys.planning.planner;

enum PlanRequestStatus {
    PENDING,
    DONE,
    FAILED,
    CANCELLED
}
