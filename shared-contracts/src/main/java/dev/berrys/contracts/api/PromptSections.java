package dev.berrys.contracts.api;

/**
 * The section markers of the user prompt that agent-orchestrator writes for a task (its {@code Prompts}), which
 * the simulated model (model-orchestration's {@code SimulatedAgent}) reads back: the task's title follows
 * {@link #TASK}, the dependency outputs follow {@link #DEPENDENCIES} (one {@link #DEPENDENCY_HEADING} each), and
 * {@link #MEMORY} or {@link #CLOSING} ends them. Each marker stands at the start of its own line. One definition
 * for both sides, so that the prompt's wording cannot drift from what the simulated model looks for.
 */
public final class PromptSections {
    /** Followed by the project's goal on the same line. */
    public static final String GOAL = "Project goal:";
    /** Followed by the task's title on the same line, then its description on the next lines. */
    public static final String TASK = "Your task:";
    /** A line of its own; the outputs of the tasks this one depends on follow. */
    public static final String DEPENDENCIES = "Outputs of the tasks this task depends on:";
    /** Starts the line of one dependency: its title and role; its output follows. */
    public static final String DEPENDENCY_HEADING = "### ";
    /** A line of its own; notes from earlier tasks follow. */
    public static final String MEMORY = "Project memory (notes from tasks the team completed earlier):";
    /** The prompt's last line. */
    public static final String CLOSING = "Complete your task now.";

    private PromptSections() {}
}
