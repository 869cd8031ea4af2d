package dev.berrys.model.catalog;

import dev.berrys.starter.web.ProblemException;
import java.util.List;
import java.util.Set;

/** What a model can do; the router filters on these. */
public final class Capability {
    public static final String CHAT = "chat";
    public static final String TOOLS = "tools";
    public static final String JSON_SCHEMA = "json_schema";
    public static final String STREAMING = "streaming";
    public static final String VISION = "vision";
    public static final String EMBEDDINGS = "embeddings";
    public static final Set<String> ALL = Set.of(CHAT, TOOLS, JSON_SCHEMA, STREAMING, VISION, EMBEDDINGS);

    private Capability() {}

    /** Refuses a list naming anything but these, as a 400 on the field {@code capabilities}. */
    static void check(List<String> capabilities) {
        for (String cap : capabilities) {
            if (cap == null || !ALL.contains(cap)) {
                throw new ProblemException.BadRequest(
                        "capabilities",
                        "Field 'capabilities' may hold only "
                                + ALL.stream().sorted().toList() + ".");
            }
        }
    }
}
