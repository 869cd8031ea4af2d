package dev.berrys.planning.plan;

public enum TaskStatus {
    PENDING,
    READY,
    ASSIGNED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED,
    /** A person skipped it; it counts as done for its dependants and the plan. */
    SKIPPED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == SKIPPED;
    }

    /** Done for readiness: its dependants may run. */
    public boolean isDone() {
        return this == COMPLETED || this == SKIPPED;
    }
}
