package dev.berrys.model.catalog;

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
}
