package dev.berrys.contracts.api;

/** Headers a caller adds to a chat completion so that model-orchestration can route and account it. */
public final class BerrysHeaders {
    public static final String PROJECT_ID = "X-Berrys-Project-Id";
    public static final String TASK_ID = "X-Berrys-Task-Id";
    public static final String AGENT_ID = "X-Berrys-Agent-Id";
    /** {@code plan}, {@code task} or {@code synthesis}; lets the router pick by task type. */
    public static final String PURPOSE = "X-Berrys-Purpose";
    /** Label on every response produced by the simulated provider. */
    public static final String SIMULATED = "X-Berrys-Simulated";

    public static final String PURPOSE_PLAN = "plan";
    public static final String PURPOSE_TASK = "task";
    public static final String PURPOSE_SYNTHESIS = "synthesis";

    private BerrysHeaders() {}
}
