package dev.berrys.model.usage;

/**
 * How a model call ended; its name is the string stored in {@code model_call.outcome}, tagged on the
 * {@code berrys.model.calls} metric and carried by {@code model.call-recorded}.
 */
public enum CallOutcome {
    /** A model answered; the call is paid and counts against the budgets. */
    SUCCEEDED,
    /** No model answered (none could, every one failed, or the call broke off). */
    FAILED,
    /** A budget refused the call before any model was asked. */
    REFUSED_BUDGET
}
