package dev.berrys.project.project;

/** Values of a project's {@code statusReason} that clients may test for. */
public final class StatusReasons {
    /** Paused because model-orchestration refused a call over the budget; raising the budget resumes it. */
    public static final String BUDGET_EXCEEDED = "BUDGET_EXCEEDED";
    /** Paused or cancelled through the API without a reason given. */
    public static final String USER_REQUESTED = "USER_REQUESTED";

    private StatusReasons() {}
}
