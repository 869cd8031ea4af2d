package dev.berrys.planning.plan;

/** CREATED until the workflow asks it to run; SUPERSEDED when a newer version replaced it before it ran. */
public enum PlanStatus {
    CREATED,
    RUNNING,
    PAUSED,
    COMPLETED,
    FAILED,
    CANCELLED,
    SUPERSEDED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == SUPERSEDED;
    }
}
