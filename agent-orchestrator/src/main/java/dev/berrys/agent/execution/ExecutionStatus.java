package dev.berrys.agent.execution;

/** PENDING (stored, not started) → RUNNING → COMPLETED | FAILED | CANCELLED. */
public enum ExecutionStatus {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
