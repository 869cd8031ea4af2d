package dev.berrys.starter.test.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A request the {@link FakeModelServer} received: its path, its headers (names in lower case), its JSON body, the
 * value of the header it is keyed by ({@code ""} when none) and the how-manieth request of that key it is (from 1).
 */
public record Request(String path, Map<String, String> headers, JsonNode body, String key, int call) {

    /** A header's value, by its name in any case; null when it was not sent. */
    public @Nullable String header(String name) {
        return headers.get(name.toLowerCase());
    }

    public @Nullable String idempotencyKey() {
        return header("Idempotency-Key");
    }

    public @Nullable String authorization() {
        return header("Authorization");
    }

    /** {@code X-Berrys-Purpose}: what a service's call is for. */
    public @Nullable String purpose() {
        return header("X-Berrys-Purpose");
    }

    public String model() {
        return body.path("model").asString("");
    }

    public boolean streamed() {
        return body.path("stream").asBoolean(false);
    }

    /** The request's {@code messages} array. */
    public JsonNode messages() {
        return body.path("messages");
    }

    /** The text of the message at {@code index}, empty when there is none. */
    public String message(int index) {
        return messages().path(index).path("content").asString("");
    }

    /** The text of the last message of role {@code user}, empty when there is none. */
    public String lastUserMessage() {
        JsonNode messages = messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asString())) {
                return messages.get(i).path("content").asString("");
            }
        }
        return "";
    }

    /** The names of the tools offered (OpenAI's {@code function.name}, or Anthropic's {@code name}). */
    public List<String> toolNames() {
        return body.path("tools")
                .valueStream()
                .map(t ->
                        t.path("function").path("name").asString(t.path("name").asString("")))
                .toList();
    }
}
