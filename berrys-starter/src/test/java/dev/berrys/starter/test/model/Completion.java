package dev.berrys.starter.test.model;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A well-formed answer in the server's wire, plain or streamed as the request asks: a text, or one tool call.
 * Usage and model name default to the wire's usual ones and to the model asked for.
 */
public final class Completion implements FakeModelServer.Answer {
    final @Nullable String text;
    final @Nullable String toolId;
    final @Nullable String toolName;
    final @Nullable String toolArguments;

    @Nullable
    Long promptTokens;

    @Nullable
    Long completionTokens;

    @Nullable
    String model;

    final Map<String, String> headers = new LinkedHashMap<>();

    private Completion(
            @Nullable String text, @Nullable String toolId, @Nullable String toolName, @Nullable String arguments) {
        this.text = text;
        this.toolId = toolId;
        this.toolName = toolName;
        this.toolArguments = arguments;
    }

    static Completion text(String text) {
        return new Completion(text, null, null, null);
    }

    static Completion toolCall(String id, String name, String arguments) {
        return new Completion(null, id, name, arguments);
    }

    /** The tokens the answer says it used. */
    public Completion usage(long prompt, long completion) {
        this.promptTokens = prompt;
        this.completionTokens = completion;
        return this;
    }

    /** The model the answer names (else the one asked for). */
    public Completion model(String model) {
        this.model = model;
        return this;
    }

    /** A response header, e.g. {@code X-Berrys-Simulated}. */
    public Completion header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    boolean isToolCall() {
        return toolName != null;
    }

    /** The answer as OpenAI's non-streamed {@code chat.completion} JSON, as a service stores a model's message. */
    public ObjectNode openAiJson(String requestedModel) {
        return OpenAiWire.completion(this, requestedModel);
    }

    @Override
    public void respond(Reply reply) throws IOException {
        headers.forEach(reply::header);
        if (reply.server().wire() == FakeModelServer.Wire.OPENAI) {
            OpenAiWire.write(reply, this);
        } else {
            AnthropicWire.write(reply, this);
        }
    }
}
