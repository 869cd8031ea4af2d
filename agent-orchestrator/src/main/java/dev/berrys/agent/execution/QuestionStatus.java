package dev.berrys.agent.execution;

/** OPEN (its execution waits) → ANSWERED (it runs on with the answer) | CANCELLED (its project was cancelled). */
public enum QuestionStatus {
    OPEN,
    ANSWERED,
    CANCELLED
}
