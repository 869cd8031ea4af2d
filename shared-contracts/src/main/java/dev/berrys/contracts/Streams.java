package dev.berrys.contracts;

/** One Redis stream per publishing service, plus the dead-letter stream. */
public final class Streams {
    public static final String PROJECT = "berrys.project";
    public static final String PLANNING = "berrys.planning";
    public static final String AGENT = "berrys.agent";
    public static final String MODEL = "berrys.model";
    public static final String TOOL = "berrys.tool";
    public static final String WORKFLOW = "berrys.workflow";
    public static final String DEAD_LETTER = "berrys.deadletter";

    private Streams() {}
}
