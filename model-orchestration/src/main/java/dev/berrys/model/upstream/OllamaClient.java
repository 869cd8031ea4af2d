package dev.berrys.model.upstream;

import dev.berrys.model.catalog.ModelRoute;
import dev.berrys.model.catalog.ProviderType;
import dev.berrys.model.chat.ChatCall;
import dev.berrys.model.chat.ChatDelta;
import dev.berrys.model.chat.ChatRequest;
import dev.berrys.model.chat.ChatResult;
import dev.berrys.model.chat.ChatStream;
import dev.berrys.model.chat.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ollama's native {@code POST /api/chat} (JSON, or NDJSON when streamed); a JSON schema goes as
 * {@code format}. (Ollama's OpenAI-compatible {@code /v1} works with type OPENAI_COMPATIBLE too.)
 */
@Component
class OllamaClient implements ProviderClient {
    private final UpstreamHttp http;

    OllamaClient(UpstreamHttp http) {
        this.http = http;
    }

    @Override
    public ProviderType type() {
        return ProviderType.OLLAMA;
    }

    @Override
    public ChatResult complete(ModelRoute route, ChatCall call) {
        JsonNode answer = http.postJson(url(route), Map.of(), body(route, call, false), timeout(route));
        JsonNode message = answer.path("message");
        if (!message.isObject()) {
            throw new UpstreamException(UpstreamException.Kind.MALFORMED, 200, "malformed answer: no message");
        }
        List<ChatRequest.ToolCall> calls = toolCalls(message, 0);
        String content = message.path("content").asString("");
        return new ChatResult(
                content.isEmpty() ? null : content,
                calls,
                calls.isEmpty() ? finish(answer) : "tool_calls",
                answer.path("prompt_eval_count").asLong(Tokens.ofPrompt(call.request())),
                answer.path("eval_count").asLong(Tokens.ofText(content)));
    }

    @Override
    public ChatResult stream(ModelRoute route, ChatCall call, ChatStream sink) {
        var state = new OpenAiCompatibleClient.StreamState();
        http.postStream(url(route), Map.of(), body(route, call, true), timeout(route), line -> {
            if (line.isBlank()) {
                return;
            }
            JsonNode chunk = http.parse(line);
            JsonNode message = chunk.path("message");
            String text = message.path("content").asString("");
            if (!text.isEmpty()) {
                state.content.append(text);
                sink.delta(ChatDelta.content(text));
            }
            for (ChatRequest.ToolCall c : toolCalls(message, state.tools.size())) {
                var d = new ChatDelta.ToolCallDelta(
                        state.tools.size(),
                        c.id(),
                        c.function().name(),
                        c.function().arguments());
                state.add(d);
                sink.delta(new ChatDelta(null, List.of(d), null));
            }
            if (chunk.path("done").asBoolean(false)) {
                state.finish = state.tools.isEmpty() ? finish(chunk) : "tool_calls";
                state.in = chunk.path("prompt_eval_count").asLong(-1);
                state.out = chunk.path("eval_count").asLong(-1);
                sink.delta(ChatDelta.finish(state.finish));
            }
        });
        if (state.finish == null) {
            throw new UpstreamException(UpstreamException.Kind.MALFORMED, 200, "stream ended before done");
        }
        return state.result(call);
    }

    private ObjectNode body(ModelRoute route, ChatCall call, boolean stream) {
        ChatRequest r = call.request();
        ObjectNode body = http.json().createObjectNode();
        body.put("model", route.upstreamName());
        body.put("stream", stream);
        ArrayNode messages = body.putArray("messages");
        for (ChatRequest.Message m : r.messageList()) {
            ObjectNode out = messages.addObject();
            out.put("role", "developer".equals(m.role()) ? "system" : m.role());
            out.put("content", m.text());
            if (!m.toolCallList().isEmpty()) {
                ArrayNode calls = out.putArray("tool_calls");
                for (ChatRequest.ToolCall c : m.toolCallList()) {
                    ObjectNode f = calls.addObject().putObject("function");
                    f.put("name", c.function().name());
                    f.set("arguments", parse(c.function().arguments()));
                }
            }
        }
        if (!r.toolList().isEmpty()) {
            body.set("tools", http.json().valueToTree(r.toolList()));
        }
        if (r.jsonSchema() != null && r.jsonSchema().schema() != null) {
            body.set("format", r.jsonSchema().schema());
        }
        ObjectNode options = body.putObject("options");
        if (r.temperature() != null) {
            options.put("temperature", r.temperature());
        }
        if (r.outputLimit() != null) {
            options.put("num_predict", r.outputLimit());
        }
        return body;
    }

    private List<ChatRequest.ToolCall> toolCalls(JsonNode message, int offset) {
        List<ChatRequest.ToolCall> calls = new ArrayList<>();
        for (JsonNode c : message.path("tool_calls")) {
            JsonNode f = c.path("function");
            JsonNode args = f.path("arguments");
            calls.add(new ChatRequest.ToolCall(
                    c.path("id").asString("call_" + (offset + calls.size())),
                    "function",
                    new ChatRequest.FunctionCall(
                            f.path("name").asString(""),
                            args.isString() ? args.asString() : http.json().writeValueAsString(args))));
        }
        return calls;
    }

    private JsonNode parse(@Nullable String arguments) {
        try {
            JsonNode node = arguments == null ? null : http.json().readTree(arguments);
            return node != null && node.isObject() ? node : http.json().createObjectNode();
        } catch (JacksonException e) {
            return http.json().createObjectNode();
        }
    }

    private static String finish(JsonNode answer) {
        return "length".equals(answer.path("done_reason").asString("")) ? "length" : "stop";
    }

    private static String url(ModelRoute route) {
        return route.provider().baseUrl() + "/api/chat";
    }

    private static Duration timeout(ModelRoute route) {
        return Duration.ofMillis(route.provider().settings().timeout());
    }
}
