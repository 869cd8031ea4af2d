package dev.berrys.model.chat.web;

import dev.berrys.model.chat.ChatDelta;
import dev.berrys.model.chat.ChatRequest;
import dev.berrys.model.chat.ChatResult;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes answers in OpenAI's exact chat completion and chunk formats. */
final class OpenAiWire {
    private final JsonMapper json;
    private final String id;
    private final long created;
    private final String model;

    OpenAiWire(JsonMapper json, String id, long created, String model) {
        this.json = json;
        this.id = id;
        this.created = created;
        this.model = model;
    }

    ObjectNode completion(ChatResult result) {
        ObjectNode body = head("chat.completion");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", result.content());
        message.putNull("refusal");
        if (!result.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ChatRequest.ToolCall call : result.toolCalls()) {
                ObjectNode c = calls.addObject();
                c.put("id", call.id());
                c.put("type", "function");
                c.putObject("function")
                        .put("name", call.function().name())
                        .put(
                                "arguments",
                                call.function().arguments() == null
                                        ? "{}"
                                        : call.function().arguments());
            }
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", result.finishReason());
        usage(body.putObject("usage"), result.inputTokens(), result.outputTokens());
        return body;
    }

    /** The first chunk: the assistant role and empty content. */
    ObjectNode roleChunk(boolean includeUsage) {
        ObjectNode chunk = chunk(includeUsage);
        ObjectNode delta = ((ObjectNode) chunk.get("choices").get(0)).putObject("delta");
        delta.put("role", "assistant");
        delta.put("content", "");
        delta.putNull("refusal");
        return chunk;
    }

    ObjectNode deltaChunk(ChatDelta d, boolean includeUsage) {
        ObjectNode chunk = chunk(includeUsage);
        ObjectNode choice = (ObjectNode) chunk.get("choices").get(0);
        ObjectNode delta = choice.putObject("delta");
        if (d.content() != null) {
            delta.put("content", d.content());
        }
        if (!d.toolCalls().isEmpty()) {
            ArrayNode calls = delta.putArray("tool_calls");
            for (ChatDelta.ToolCallDelta t : d.toolCalls()) {
                ObjectNode c = calls.addObject();
                c.put("index", t.index());
                if (t.id() != null) {
                    c.put("id", t.id());
                    c.put("type", "function");
                }
                ObjectNode f = c.putObject("function");
                if (t.name() != null) {
                    f.put("name", t.name());
                }
                if (t.arguments() != null) {
                    f.put("arguments", t.arguments());
                }
            }
        }
        if (d.finishReason() != null) {
            choice.put("finish_reason", d.finishReason());
        }
        return chunk;
    }

    /** The last chunk when {@code stream_options.include_usage}: no choices, the usage. */
    ObjectNode usageChunk(long in, long out) {
        ObjectNode body = head("chat.completion.chunk");
        body.putArray("choices");
        usage(body.putObject("usage"), in, out);
        return body;
    }

    ObjectNode error(String message, String type, int code) {
        ObjectNode body = json.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).put("code", code);
        return body;
    }

    private ObjectNode chunk(boolean includeUsage) {
        ObjectNode body = head("chat.completion.chunk");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        if (includeUsage) {
            body.putNull("usage");
        }
        return body;
    }

    private ObjectNode head(String object) {
        ObjectNode body = json.createObjectNode();
        body.put("id", id);
        body.put("object", object);
        body.put("created", created);
        body.put("model", model);
        body.put("system_fingerprint", "berrys");
        return body;
    }

    private static void usage(ObjectNode usage, long in, long out) {
        usage.put("prompt_tokens", in);
        usage.put("completion_tokens", out);
        usage.put("total_tokens", in + out);
    }
}
