package dev.berrys.model;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI's chat completion answers as the real API writes them. */
final class OpenAiAnswers {
    private OpenAiAnswers() {}

    static void answer(FakeUpstream fake, HttpExchange ex, JsonNode body, boolean stream) throws IOException {
        String model = body.path("model").asString();
        boolean tool = FakeUpstream.wantsTool(body, "tool");
        String toolName =
                tool ? body.path("tools").get(0).path("function").path("name").asString() : null;
        if (!stream) {
            ObjectNode out = head(model, "chat.completion");
            ObjectNode choice = out.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            if (tool) {
                message.putNull("content");
                ObjectNode call = message.putArray("tool_calls").addObject();
                call.put("id", "call_fake1").put("type", "function");
                call.putObject("function").put("name", toolName).put("arguments", "{\"expression\":\"6*7\"}");
            } else {
                message.put("content", fake.text);
            }
            message.putNull("refusal");
            choice.putNull("logprobs");
            choice.put("finish_reason", tool ? "tool_calls" : "stop");
            out.putObject("usage")
                    .put("prompt_tokens", 11)
                    .put("completion_tokens", 7)
                    .put("total_tokens", 18);
            FakeUpstream.json(ex, out);
            return;
        }
        OutputStream sse = FakeUpstream.sse(ex);
        ObjectNode first = chunk(model);
        first.withArray("choices")
                .get(0)
                .withObject("delta")
                .put("role", "assistant")
                .put("content", "");
        FakeUpstream.event(sse, null, first);
        if (tool) {
            ObjectNode c1 = chunk(model);
            ObjectNode call = c1.withArray("choices")
                    .get(0)
                    .withObject("delta")
                    .putArray("tool_calls")
                    .addObject();
            call.put("index", 0).put("id", "call_fake1").put("type", "function");
            call.putObject("function").put("name", toolName).put("arguments", "");
            FakeUpstream.event(sse, null, c1);
            for (String part : new String[] {"{\"expression\"", ":\"6*7\"}"}) {
                ObjectNode c = chunk(model);
                c.withArray("choices")
                        .get(0)
                        .withObject("delta")
                        .putArray("tool_calls")
                        .addObject()
                        .put("index", 0)
                        .putObject("function")
                        .put("arguments", part);
                FakeUpstream.event(sse, null, c);
            }
        } else {
            String text = fake.text;
            int third = Math.max(1, text.length() / 3);
            for (int i = 0; i < text.length(); i += third) {
                ObjectNode c = chunk(model);
                c.withArray("choices")
                        .get(0)
                        .withObject("delta")
                        .put("content", text.substring(i, Math.min(text.length(), i + third)));
                FakeUpstream.event(sse, null, c);
            }
        }
        ObjectNode last = chunk(model);
        last.withArray("choices").get(0).withObject("delta");
        ((ObjectNode) last.withArray("choices").get(0)).put("finish_reason", tool ? "tool_calls" : "stop");
        FakeUpstream.event(sse, null, last);
        if (body.path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usage = head(model, "chat.completion.chunk");
            usage.putArray("choices");
            usage.putObject("usage")
                    .put("prompt_tokens", 11)
                    .put("completion_tokens", 7)
                    .put("total_tokens", 18);
            FakeUpstream.event(sse, null, usage);
        }
        sse.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        sse.flush();
    }

    private static ObjectNode head(String model, String object) {
        ObjectNode out = FakeUpstream.object();
        out.put("id", "chatcmpl-fake")
                .put("object", object)
                .put("created", 1_700_000_000L)
                .put("model", model);
        return out;
    }

    private static ObjectNode chunk(String model) {
        ObjectNode c = head(model, "chat.completion.chunk");
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta");
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        return c;
    }
}
