package dev.berrys.agent.execution;

/**
 * PENDING (stored, not started) → RUNNING → COMPLETED | FAILED | CANCELLED. A RUNNING execution whose agent
 * asked a person ({@code ask_human}) is WAITING_INPUT until the answer comes, then RUNNING again; no lease,
 * recovery or deadline touches it meanwhile, only its project's cancellation.
 */
public enum ExecutionStatus {
    PENDING,
    RUNNING,
    WAITING_INPUT,
    COMPLETED,
    FAILED,
    CANCELLED;

    boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
