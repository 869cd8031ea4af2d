package dev.berrys.planning.plan;

public enum TaskStatus {
    PENDING,
    READY,
    ASSIGNED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
