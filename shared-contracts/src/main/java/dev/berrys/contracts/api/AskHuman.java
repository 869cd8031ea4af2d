package dev.berrys.contracts.api;

/**
 * The {@code ask_human} function that agent-orchestrator offers every agent besides its template's tools, and
 * the marker by which the simulated model (model-orchestration's {@code SimulatedAgent}) decides to call it. One
 * definition for both sides, like {@link PromptSections}.
 */
public final class AskHuman {
    /** The function's name. */
    public static final String TOOL = "ask_human";
    /** Its required string argument. */
    public static final String QUESTION = "question";
    /** Its optional array of strings: the answers the person may choose from. */
    public static final String OPTIONS = "options";
    /** The longest question the agent may ask. */
    public static final int MAX_QUESTION = 2_000;
    /** The most options a question may offer, and the longest one. */
    public static final int MAX_OPTIONS = 20;

    public static final int MAX_OPTION = 200;
    /** The longest answer a person may give. */
    public static final int MAX_ANSWER = 10_000;
    /**
     * In a project's goal or a task's text: the simulated model asks a person once in each task before it
     * answers, and quotes the answer.
     */
    public static final String MARKER = "[ask]";
    /** Starts the tool result the model gets back: the person's answer follows. */
    public static final String ANSWER_PREFIX = "Answer from a person: ";

    private AskHuman() {}
}
