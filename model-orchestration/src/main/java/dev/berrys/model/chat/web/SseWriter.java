package dev.berrys.model.chat.web;

import dev.berrys.contracts.api.BerrysHeaders;
import dev.berrys.model.catalog.ModelRoute;
import dev.berrys.model.chat.ChatDelta;
import dev.berrys.model.chat.ChatStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a streamed answer as OpenAI's Server-Sent Events: a role chunk, the deltas, optionally a usage
 * chunk, then {@code data: [DONE]}. The response is committed with the first delta, so an error before
 * it is still an ordinary ProblemDetail.
 */
final class SseWriter implements ChatStream {
    private final HttpServletResponse response;
    private final JsonMapper json;
    private final String id;
    private final long created;
    private final boolean includeUsage;
    private @Nullable ModelRoute route;
    private @Nullable OpenAiWire wire;
    /** Every event sent so far, for a call under an idempotency key; null without one. */
    private final @Nullable StringBuilder sent;

    SseWriter(
            HttpServletResponse response,
            JsonMapper json,
            String id,
            long created,
            boolean includeUsage,
            boolean keepTranscript) {
        this.sent = keepTranscript ? new StringBuilder() : null;
        this.response = response;
        this.json = json;
        this.id = id;
        this.created = created;
        this.includeUsage = includeUsage;
    }

    @Override
    public void attempting(ModelRoute route) {
        this.route = route;
    }

    boolean started() {
        return wire != null;
    }

    @Override
    public void delta(ChatDelta delta) {
        OpenAiWire wire = this.wire != null ? this.wire : start();
        write(wire.deltaChunk(delta, includeUsage));
    }

    /**
     * Sends the last events: the usage chunk if asked for, then {@code data: [DONE]}. With a transcript kept,
     * {@code keep} gets the whole stream as it will have been sent before these last events go out.
     */
    void finish(long inputTokens, long outputTokens, @Nullable Consumer<String> keep) {
        OpenAiWire wire = this.wire != null ? this.wire : start();
        String tail = (includeUsage ? event(wire.usageChunk(inputTokens, outputTokens)) : "") + DONE;
        if (keep != null && sent != null) {
            keep.accept(sent + tail);
        }
        send(tail);
    }

    /** Only once {@link #started()}: the caller answers with a plain error before that. */
    void fail(String message, int code) {
        write(Objects.requireNonNull(wire, "not started").error(message, "server_error", code));
        done();
    }

    private OpenAiWire start() {
        OpenAiWire wire = new OpenAiWire(json, id, created, route == null ? "auto" : route.name());
        this.wire = wire;
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        if (route != null) {
            response.setHeader(ChatCompletionsController.MODEL_HEADER, route.name());
            if (route.provider().simulated()) {
                response.setHeader(BerrysHeaders.SIMULATED, "true");
            }
        }
        write(wire.roleChunk(includeUsage));
        return wire;
    }

    private static final String DONE = "data: [DONE]\n\n";

    private void write(ObjectNode chunk) {
        send(event(chunk));
    }

    private String event(ObjectNode chunk) {
        return "data: " + json.writeValueAsString(chunk) + "\n\n";
    }

    private void done() {
        send(DONE);
    }

    private void send(String event) {
        if (sent != null) {
            sent.append(event);
        }
        try {
            OutputStream out = response.getOutputStream();
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away", e);
        }
    }
}
