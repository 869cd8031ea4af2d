package dev.berrys.model.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.berrys.starter.web.ProblemException;
import jakarta.persistence.AttributeConverter;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a model can do through Berrys; the router filters on these. Only what Berrys serves is a capability:
 * no {@code embeddings} (there is no embeddings endpoint), and {@code vision} only on an OpenAI-compatible
 * provider, the one adapter that passes a message's image parts on as they came (the Anthropic, Ollama and
 * simulated adapters send text only). Each has the lower-case name that the API takes and answers and that the
 * {@code model} and {@code routing_policy} rows store ({@link #wire()}).
 */
public enum Capability {
    CHAT("chat"),
    TOOLS("tools"),
    JSON_SCHEMA("json_schema"),
    STREAMING("streaming"),
    VISION("vision");

    private final String wire;

    Capability(String wire) {
        this.wire = wire;
    }

    /** The name the API and the database use, e.g. {@code json_schema}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }

    public static Optional<Capability> of(@Nullable String wire) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst();
    }

    /** The capabilities a list names; refuses a list naming anything else, as a 400 on the field {@code capabilities}. */
    static List<Capability> parse(List<String> capabilities) {
        return capabilities.stream()
                .map(cap -> of(cap).orElseThrow(() -> new ProblemException.BadRequest(
                        "capabilities",
                        "Field 'capabilities' may hold only "
                                + Arrays.stream(values())
                                        .map(Capability::wire)
                                        .sorted()
                                        .toList() + ".")))
                .toList();
    }

    /** Their names, sorted and each once: how a row stores them. */
    static List<String> stored(Collection<Capability> capabilities) {
        return capabilities.stream().map(Capability::wire).sorted().distinct().toList();
    }

    /** The {@code model.capabilities} column: the names, sorted and joined by commas. */
    static final class Column implements AttributeConverter<List<Capability>, String> {
        @Override
        public String convertToDatabaseColumn(@Nullable List<Capability> capabilities) {
            return capabilities == null ? "" : String.join(",", stored(capabilities));
        }

        @Override
        public List<Capability> convertToEntityAttribute(@Nullable String column) {
            if (column == null || column.isBlank()) {
                return List.of();
            }
            return Arrays.stream(column.split(","))
                    .map(wire -> of(wire).orElseThrow(() -> new IllegalStateException("unknown capability " + wire)))
                    .toList();
        }
    }

    /** {@code vision} only where the provider's adapter passes images on: a 400 on the field {@code capabilities}. */
    static void checkServed(List<Capability> capabilities, ProviderType type) {
        if (capabilities.contains(VISION) && type != ProviderType.OPENAI_COMPATIBLE) {
            throw new ProblemException.BadRequest(
                    "capabilities",
                    "Field 'capabilities' may hold 'vision' only for a model of an OPENAI_COMPATIBLE provider: a "
                            + type + " provider gets the text of a message, not its images.");
        }
    }
}
