package dev.berrys.model;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic's Messages answers as the real API writes them (JSON, and named SSE events). */
final class AnthropicAnswers {
    private AnthropicAnswers() {}

    static void answer(FakeUpstream fake, HttpExchange ex, JsonNode body, boolean stream) throws IOException {
        String forced = body.path("tool_choice").path("name").asString(null);
        boolean tool = forced != null || FakeUpstream.wantsTool(body, "tool");
        String toolName = forced != null
                ? forced
                : tool ? body.path("tools").get(0).path("name").asString() : null;
        ObjectNode input = FakeUpstream.object();
        if ("structured_output".equals(toolName)) {
            input.put("answer", fake.text);
        } else {
            input.put("expression", "6*7");
        }
        if (!stream) {
            ObjectNode out = FakeUpstream.object();
            out.put("id", "msg_fake")
                    .put("type", "message")
                    .put("role", "assistant")
                    .put("model", body.path("model").asString());
            ObjectNode block = out.putArray("content").addObject();
            if (tool) {
                block.put("type", "tool_use")
                        .put("id", "toolu_fake1")
                        .put("name", toolName)
                        .set("input", input);
            } else {
                block.put("type", "text").put("text", fake.text);
            }
            out.put("stop_reason", tool ? "tool_use" : "end_turn");
            out.putNull("stop_sequence");
            out.putObject("usage").put("input_tokens", 13).put("output_tokens", 5);
            FakeUpstream.json(ex, out);
            return;
        }
        OutputStream sse = FakeUpstream.sse(ex);
        ObjectNode start = FakeUpstream.object().put("type", "message_start");
        start.putObject("message")
                .put("id", "msg_fake")
                .put("type", "message")
                .put("role", "assistant")
                .putObject("usage")
                .put("input_tokens", 13)
                .put("output_tokens", 1);
        FakeUpstream.event(sse, "message_start", start);
        ObjectNode blockStart =
                FakeUpstream.object().put("type", "content_block_start").put("index", 0);
        if (tool) {
            blockStart
                    .putObject("content_block")
                    .put("type", "tool_use")
                    .put("id", "toolu_fake1")
                    .put("name", toolName)
                    .putObject("input");
        } else {
            blockStart.putObject("content_block").put("type", "text").put("text", "");
        }
        FakeUpstream.event(sse, "content_block_start", blockStart);
        FakeUpstream.event(sse, "ping", FakeUpstream.object().put("type", "ping"));
        String payload = tool ? input.toString() : fake.text;
        int half = payload.length() / 2;
        for (String part : new String[] {payload.substring(0, half), payload.substring(half)}) {
            ObjectNode delta =
                    FakeUpstream.object().put("type", "content_block_delta").put("index", 0);
            if (tool) {
                delta.putObject("delta").put("type", "input_json_delta").put("partial_json", part);
            } else {
                delta.putObject("delta").put("type", "text_delta").put("text", part);
            }
            FakeUpstream.event(sse, "content_block_delta", delta);
        }
        FakeUpstream.event(
                sse,
                "content_block_stop",
                FakeUpstream.object().put("type", "content_block_stop").put("index", 0));
        ObjectNode messageDelta = FakeUpstream.object().put("type", "message_delta");
        messageDelta
                .putObject("delta")
                .put("stop_reason", tool ? "tool_use" : "end_turn")
                .putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", 5);
        FakeUpstream.event(sse, "message_delta", messageDelta);
        FakeUpstream.event(sse, "message_stop", FakeUpstream.object().put("type", "message_stop"));
    }

    /** message_start (and a first text delta if {@code afterText}), then silence for {@code millis}. */
    static void stall(HttpExchange ex, boolean afterText, long millis) throws IOException {
        OutputStream sse = FakeUpstream.sse(ex);
        FakeUpstream.event(sse, "message_start", messageStart());
        if (afterText) {
            textBlockStart(sse);
            textDelta(sse, "first words");
        }
        sleep(millis);
    }

    /** A whole text answer in {@code parts} deltas, {@code gapMillis} apart. */
    static void trickle(HttpExchange ex, int parts, long gapMillis) throws IOException {
        OutputStream sse = FakeUpstream.sse(ex);
        FakeUpstream.event(sse, "message_start", messageStart());
        textBlockStart(sse);
        for (int i = 0; i < parts; i++) {
            sleep(gapMillis);
            textDelta(sse, "part" + i + " ");
        }
        ObjectNode messageDelta = FakeUpstream.object().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", parts);
        FakeUpstream.event(sse, "message_delta", messageDelta);
        FakeUpstream.event(sse, "message_stop", FakeUpstream.object().put("type", "message_stop"));
    }

    /** An {@code error} event (Anthropic's overloaded_error) before any content. */
    static void errorEvent(HttpExchange ex) throws IOException {
        OutputStream sse = FakeUpstream.sse(ex);
        FakeUpstream.event(sse, "message_start", messageStart());
        ObjectNode error = FakeUpstream.object().put("type", "error");
        error.putObject("error").put("type", "overloaded_error").put("message", "Overloaded");
        FakeUpstream.event(sse, "error", error);
    }

    private static ObjectNode messageStart() {
        ObjectNode start = FakeUpstream.object().put("type", "message_start");
        start.putObject("message")
                .put("id", "msg_fake")
                .put("type", "message")
                .put("role", "assistant")
                .putObject("usage")
                .put("input_tokens", 13)
                .put("output_tokens", 1);
        return start;
    }

    private static void textBlockStart(OutputStream sse) throws IOException {
        ObjectNode blockStart =
                FakeUpstream.object().put("type", "content_block_start").put("index", 0);
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        FakeUpstream.event(sse, "content_block_start", blockStart);
    }

    private static void textDelta(OutputStream sse, String text) throws IOException {
        ObjectNode delta =
                FakeUpstream.object().put("type", "content_block_delta").put("index", 0);
        delta.putObject("delta").put("type", "text_delta").put("text", text);
        FakeUpstream.event(sse, "content_block_delta", delta);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
