package dev.berrys.starter.test.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI's chat completion answers as the real API writes them (JSON, and unnamed SSE chunks). */
final class OpenAiWire {
    private static final long PROMPT_TOKENS = 11;
    private static final long COMPLETION_TOKENS = 7;

    private OpenAiWire() {}

    /** The default answer to {@code request}: a tool call while tools are offered and none has answered, else text. */
    static Completion answerFor(Request request, String text) {
        if (!Answers.wantsTool(request.body(), "tool")) {
            return Completion.text(text);
        }
        String tool = request.body()
                .path("tools")
                .get(0)
                .path("function")
                .path("name")
                .asString();
        return Completion.toolCall("call_fake1", tool, "{\"expression\":\"6*7\"}");
    }

    static ObjectNode completion(Completion c, String requestedModel) {
        ObjectNode out = head(c.model != null ? c.model : requestedModel, "chat.completion");
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (c.isToolCall()) {
            message.putNull("content");
            ObjectNode call = message.putArray("tool_calls").addObject();
            call.put("id", c.toolId).put("type", "function");
            call.putObject("function").put("name", c.toolName).put("arguments", c.toolArguments);
        } else {
            message.put("content", c.text);
        }
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", c.isToolCall() ? "tool_calls" : "stop");
        usage(out, c);
        return out;
    }

    static void write(Reply reply, Completion c) throws IOException {
        JsonNode body = reply.request().body();
        String model = c.model != null ? c.model : reply.request().model();
        if (!reply.request().streamed()) {
            reply.json(200, completion(c, model));
            return;
        }
        OutputStream sse = reply.sse();
        ObjectNode first = chunk(model);
        delta(first).put("role", "assistant").put("content", "");
        reply.event(sse, null, first);
        if (c.isToolCall()) {
            ObjectNode c1 = chunk(model);
            ObjectNode call = delta(c1).putArray("tool_calls").addObject();
            call.put("index", 0).put("id", c.toolId).put("type", "function");
            call.putObject("function").put("name", c.toolName).put("arguments", "");
            reply.event(sse, null, c1);
            String arguments = String.valueOf(c.toolArguments);
            int half = arguments.length() / 2;
            for (String part : new String[] {arguments.substring(0, half), arguments.substring(half)}) {
                ObjectNode chunk = chunk(model);
                delta(chunk)
                        .putArray("tool_calls")
                        .addObject()
                        .put("index", 0)
                        .putObject("function")
                        .put("arguments", part);
                reply.event(sse, null, chunk);
            }
        } else {
            String text = String.valueOf(c.text);
            int third = Math.max(1, text.length() / 3);
            for (int i = 0; i < text.length(); i += third) {
                ObjectNode chunk = chunk(model);
                delta(chunk).put("content", text.substring(i, Math.min(text.length(), i + third)));
                reply.event(sse, null, chunk);
            }
        }
        ObjectNode last = chunk(model);
        ((ObjectNode) last.withArray("choices").get(0)).put("finish_reason", c.isToolCall() ? "tool_calls" : "stop");
        reply.event(sse, null, last);
        if (body.path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usage = head(model, "chat.completion.chunk");
            usage.putArray("choices");
            usage(usage, c);
            reply.event(sse, null, usage);
        }
        sse.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        sse.flush();
    }

    /** A stream whose first chunk comes at once, then silence for {@code millis}. */
    static void stallAfterFirstChunk(Reply reply, long millis) throws IOException, InterruptedException {
        OutputStream sse = reply.sse();
        ObjectNode chunk = Answers.object().put("id", "chatcmpl-stall").put("object", "chat.completion.chunk");
        chunk.put("created", 0).put("model", reply.request().model());
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta").put("role", "assistant").put("content", "first words");
        reply.event(sse, null, chunk);
        Thread.sleep(millis);
    }

    private static void usage(ObjectNode out, Completion c) {
        long prompt = c.promptTokens != null ? c.promptTokens : PROMPT_TOKENS;
        long completion = c.completionTokens != null ? c.completionTokens : COMPLETION_TOKENS;
        out.putObject("usage")
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    private static ObjectNode head(String model, String object) {
        return Answers.object()
                .put("id", "chatcmpl-fake")
                .put("object", object)
                .put("created", 1_700_000_000L)
                .put("model", model);
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

    private static ObjectNode delta(ObjectNode chunk) {
        return chunk.withArray("choices").get(0).withObject("delta");
    }
}
