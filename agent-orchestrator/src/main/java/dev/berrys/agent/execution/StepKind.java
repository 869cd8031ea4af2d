package dev.berrys.agent.execution;

/** A step of the agent loop. */
public enum StepKind {
    MODEL_CALL,
    TOOL_CALL
}
