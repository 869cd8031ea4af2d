package dev.berrys.model.catalog;

import dev.berrys.starter.web.ProblemException;
import java.util.List;
import java.util.Set;

/**
 * What a model can do through Berrys; the router filters on these. Only what Berrys serves is a capability:
 * no {@code embeddings} (there is no embeddings endpoint), and {@code vision} only on an OpenAI-compatible
 * provider, the one adapter that passes a message's image parts on as they came (the Anthropic, Ollama and
 * simulated adapters send text only).
 */
public final class Capability {
    public static final String CHAT = "chat";
    public static final String TOOLS = "tools";
    public static final String JSON_SCHEMA = "json_schema";
    public static final String STREAMING = "streaming";
    public static final String VISION = "vision";
    public static final Set<String> ALL = Set.of(CHAT, TOOLS, JSON_SCHEMA, STREAMING, VISION);

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

    /** {@link #check(List)}, and {@code vision} only where the provider's adapter passes images on. */
    static void check(List<String> capabilities, ProviderType type) {
        check(capabilities);
        if (capabilities.contains(VISION) && type != ProviderType.OPENAI_COMPATIBLE) {
            throw new ProblemException.BadRequest(
                    "capabilities",
                    "Field 'capabilities' may hold 'vision' only for a model of an OPENAI_COMPATIBLE provider: a "
                            + type + " provider gets the text of a message, not its images.");
        }
    }
}
