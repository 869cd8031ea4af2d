package dev.berrys.starter.test.model;

import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic's Messages answers as the real API writes them (JSON, and named SSE events). */
final class AnthropicWire {
    private static final long INPUT_TOKENS = 13;
    private static final long OUTPUT_TOKENS = 5;

    private AnthropicWire() {}

    /**
     * The default answer to {@code request}: the forced tool, or a tool call while tools are offered and none has
     * answered ({@code structured_output} gets {@code {"answer": text}}), else text.
     */
    static Completion answerFor(Request request, String text) {
        String forced = request.body().path("tool_choice").path("name").asString(null);
        if (forced == null && !Answers.wantsTool(request.body(), "tool")) {
            return Completion.text(text);
        }
        String tool = forced != null
                ? forced
                : request.body().path("tools").get(0).path("name").asString();
        ObjectNode input = Answers.object();
        if ("structured_output".equals(tool)) {
            input.put("answer", text);
        } else {
            input.put("expression", "6*7");
        }
        return Completion.toolCall("toolu_fake1", tool, input.toString());
    }

    static void write(Reply reply, Completion c) throws IOException {
        String model = c.model != null ? c.model : reply.request().model();
        long input = c.promptTokens != null ? c.promptTokens : INPUT_TOKENS;
        long output = c.completionTokens != null ? c.completionTokens : OUTPUT_TOKENS;
        if (!reply.request().streamed()) {
            ObjectNode out = Answers.object();
            out.put("id", "msg_fake")
                    .put("type", "message")
                    .put("role", "assistant")
                    .put("model", model);
            ObjectNode block = out.putArray("content").addObject();
            if (c.isToolCall()) {
                block.put("type", "tool_use")
                        .put("id", c.toolId)
                        .put("name", c.toolName)
                        .set("input", Answers.parse(String.valueOf(c.toolArguments)));
            } else {
                block.put("type", "text").put("text", c.text);
            }
            out.put("stop_reason", c.isToolCall() ? "tool_use" : "end_turn");
            out.putNull("stop_sequence");
            out.putObject("usage").put("input_tokens", input).put("output_tokens", output);
            reply.json(200, out);
            return;
        }
        OutputStream sse = reply.sse();
        reply.event(sse, "message_start", messageStart(input));
        ObjectNode blockStart =
                Answers.object().put("type", "content_block_start").put("index", 0);
        if (c.isToolCall()) {
            blockStart
                    .putObject("content_block")
                    .put("type", "tool_use")
                    .put("id", c.toolId)
                    .put("name", c.toolName)
                    .putObject("input");
        } else {
            blockStart.putObject("content_block").put("type", "text").put("text", "");
        }
        reply.event(sse, "content_block_start", blockStart);
        reply.event(sse, "ping", Answers.object().put("type", "ping"));
        String payload = String.valueOf(c.isToolCall() ? c.toolArguments : c.text);
        int half = payload.length() / 2;
        for (String part : new String[] {payload.substring(0, half), payload.substring(half)}) {
            ObjectNode delta =
                    Answers.object().put("type", "content_block_delta").put("index", 0);
            if (c.isToolCall()) {
                delta.putObject("delta").put("type", "input_json_delta").put("partial_json", part);
            } else {
                delta.putObject("delta").put("type", "text_delta").put("text", part);
            }
            reply.event(sse, "content_block_delta", delta);
        }
        reply.event(
                sse,
                "content_block_stop",
                Answers.object().put("type", "content_block_stop").put("index", 0));
        messageEnd(reply, sse, c.isToolCall() ? "tool_use" : "end_turn", output);
    }

    /** message_start (and a first text delta if {@code afterText}), then silence for {@code millis}. */
    static void stall(Reply reply, boolean afterText, long millis) throws IOException, InterruptedException {
        OutputStream sse = reply.sse();
        reply.event(sse, "message_start", messageStart(INPUT_TOKENS));
        if (afterText) {
            textBlockStart(reply, sse);
            textDelta(reply, sse, "first words");
        }
        Thread.sleep(millis);
    }

    /** A whole text answer in {@code parts} deltas, {@code gapMillis} apart. */
    static void trickle(Reply reply, int parts, long gapMillis) throws IOException, InterruptedException {
        OutputStream sse = reply.sse();
        reply.event(sse, "message_start", messageStart(INPUT_TOKENS));
        textBlockStart(reply, sse);
        for (int i = 0; i < parts; i++) {
            Thread.sleep(gapMillis);
            textDelta(reply, sse, "part" + i + " ");
        }
        messageEnd(reply, sse, "end_turn", parts);
    }

    /** An {@code error} event (Anthropic's overloaded_error) before any content. */
    static void errorEvent(Reply reply) throws IOException {
        OutputStream sse = reply.sse();
        reply.event(sse, "message_start", messageStart(INPUT_TOKENS));
        ObjectNode error = Answers.object().put("type", "error");
        error.putObject("error").put("type", "overloaded_error").put("message", "Overloaded");
        reply.event(sse, "error", error);
    }

    private static ObjectNode messageStart(long inputTokens) {
        ObjectNode start = Answers.object().put("type", "message_start");
        start.putObject("message")
                .put("id", "msg_fake")
                .put("type", "message")
                .put("role", "assistant")
                .putObject("usage")
                .put("input_tokens", inputTokens)
                .put("output_tokens", 1);
        return start;
    }

    private static void messageEnd(Reply reply, OutputStream sse, String stopReason, long outputTokens)
            throws IOException {
        ObjectNode messageDelta = Answers.object().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", outputTokens);
        reply.event(sse, "message_delta", messageDelta);
        reply.event(sse, "message_stop", Answers.object().put("type", "message_stop"));
    }

    private static void textBlockStart(Reply reply, OutputStream sse) throws IOException {
        ObjectNode blockStart =
                Answers.object().put("type", "content_block_start").put("index", 0);
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        reply.event(sse, "content_block_start", blockStart);
    }

    private static void textDelta(Reply reply, OutputStream sse, String text) throws IOException {
        ObjectNode delta = Answers.object().put("type", "content_block_delta").put("index", 0);
        delta.putObject("delta").put("type", "text_delta").put("text", text);
        reply.event(sse, "content_block_delta", delta);
    }
}
