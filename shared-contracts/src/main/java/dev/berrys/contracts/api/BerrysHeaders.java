package dev.berrys.contracts.api;

/** Headers a caller adds to a chat completion (and a tool execution) so that the callee can route, account and de-duplicate it. */
public final class BerrysHeaders {
    public static final String PROJECT_ID = "X-Berrys-Project-Id";
    public static final String TASK_ID = "X-Berrys-Task-Id";
    public static final String AGENT_ID = "X-Berrys-Agent-Id";
    /** {@code plan}, {@code task} or {@code synthesis}; lets the router pick by task type. */
    public static final String PURPOSE = "X-Berrys-Purpose";
    /**
     * A key that makes a call count once: a repeated key (of the same tenant) is answered with what the
     * first call with it gave, without running it again. agent-orchestrator sends one with every model call
     * ({@code execution:<id>:step:<n>}) and every tool execution ({@code execution:<id>:step:<n>:call:<id>}).
     */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Label on every response produced by the simulated provider. */
    public static final String SIMULATED = "X-Berrys-Simulated";

    public static final String PURPOSE_PLAN = "plan";
    public static final String PURPOSE_TASK = "task";
    public static final String PURPOSE_SYNTHESIS = "synthesis";

    private BerrysHeaders() {}
}
