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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's chat completions API and every server that speaks it. The caller's JSON goes upstream as it
 * came, with the catalog's upstream model name and the stream flag set, so that fields Berrys does not
 * interpret still reach the model.
 */
@Component
class OpenAiCompatibleClient implements ProviderClient {
    private final UpstreamHttp http;

    OpenAiCompatibleClient(UpstreamHttp http) {
        this.http = http;
    }

    @Override
    public ProviderType type() {
        return ProviderType.OPENAI_COMPATIBLE;
    }

    @Override
    public ChatResult complete(ModelRoute route, ChatCall call) {
        ObjectNode body = body(route, call, false);
        JsonNode answer = http.postJson(url(route), headers(route), body, timeout(route));
        JsonNode choice = answer.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (!message.isObject()) {
            throw new UpstreamException(
                    UpstreamException.Kind.MALFORMED, 200, "malformed answer: no choices[0].message");
        }
        List<ChatRequest.ToolCall> calls = new ArrayList<>();
        for (JsonNode c : message.path("tool_calls")) {
            calls.add(new ChatRequest.ToolCall(
                    c.path("id").asString(null),
                    "function",
                    new ChatRequest.FunctionCall(
                            c.path("function").path("name").asString(""),
                            c.path("function").path("arguments").asString("{}"))));
        }
        String content =
                message.path("content").isString() ? message.path("content").asString() : null;
        String finish = choice.path("finish_reason").asString(calls.isEmpty() ? "stop" : "tool_calls");
        long in = answer.path("usage").path("prompt_tokens").asLong(Tokens.ofPrompt(call.request()));
        long out = answer.path("usage").path("completion_tokens").asLong(Tokens.ofText(content == null ? "" : content));
        return new ChatResult(content, calls, finish, in, out);
    }

    @Override
    public ChatResult stream(ModelRoute route, ChatCall call, ChatStream sink) {
        ObjectNode body = body(route, call, true);
        var state = new StreamState();
        http.postStream(url(route), headers(route), body, timeout(route), line -> {
            if (!line.startsWith("data:")) {
                return;
            }
            String data = line.substring(5).strip();
            if (data.equals("[DONE]") || data.isEmpty()) {
                return;
            }
            JsonNode chunk = http.parse(data);
            if (chunk.has("error")) {
                throw new UpstreamException(UpstreamException.Kind.SERVER_ERROR, 500, "error event in the stream");
            }
            if (chunk.path("usage").isObject()) {
                state.in = chunk.path("usage").path("prompt_tokens").asLong(state.in);
                state.out = chunk.path("usage").path("completion_tokens").asLong(state.out);
            }
            JsonNode choice = chunk.path("choices").path(0);
            if (!choice.isObject()) {
                return;
            }
            JsonNode delta = choice.path("delta");
            String text =
                    delta.path("content").isString() ? delta.path("content").asString() : null;
            List<ChatDelta.ToolCallDelta> tools = new ArrayList<>();
            for (JsonNode t : delta.path("tool_calls")) {
                var d = new ChatDelta.ToolCallDelta(
                        t.path("index").asInt(0),
                        t.path("id").asString(null),
                        t.path("function").path("name").asString(null),
                        t.path("function").path("arguments").asString(null));
                tools.add(d);
                state.add(d);
            }
            String finish = choice.path("finish_reason").isString()
                    ? choice.path("finish_reason").asString()
                    : null;
            if (finish != null) {
                state.finish = finish;
            }
            if ((text != null && !text.isEmpty()) || !tools.isEmpty() || finish != null) {
                if (text != null) {
                    state.content.append(text);
                }
                sink.delta(new ChatDelta(text == null || text.isEmpty() ? null : text, tools, finish));
            }
        });
        if (state.finish == null) {
            throw new UpstreamException(UpstreamException.Kind.MALFORMED, 200, "stream ended without a finish reason");
        }
        return state.result(call);
    }

    private static ObjectNode body(ModelRoute route, ChatCall call, boolean stream) {
        ObjectNode body = call.raw().deepCopy();
        body.put("model", route.upstreamName());
        body.put("stream", stream);
        body.remove("stream_options");
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    private static String url(ModelRoute route) {
        return route.provider().baseUrl() + "/chat/completions";
    }

    private static Map<String, String> headers(ModelRoute route) {
        Map<String, String> headers = new HashMap<>();
        if (route.provider().apiKey() != null) {
            headers.put("Authorization", "Bearer " + route.provider().apiKey());
        }
        return headers;
    }

    private static Duration timeout(ModelRoute route) {
        return Duration.ofMillis(route.provider().settings().timeout());
    }

    /** What a stream has said so far. */
    static final class StreamState {
        final StringBuilder content = new StringBuilder();
        final Map<Integer, String[]> tools = new TreeMap<>();
        String finish;
        long in = -1;
        long out = -1;

        void add(ChatDelta.ToolCallDelta d) {
            String[] t = tools.computeIfAbsent(d.index(), i -> new String[] {null, null, ""});
            if (d.id() != null) {
                t[0] = d.id();
            }
            if (d.name() != null) {
                t[1] = d.name();
            }
            if (d.arguments() != null) {
                t[2] = t[2] + d.arguments();
            }
        }

        ChatResult result(ChatCall call) {
            List<ChatRequest.ToolCall> calls = new ArrayList<>();
            tools.values()
                    .forEach(t -> calls.add(new ChatRequest.ToolCall(
                            t[0], "function", new ChatRequest.FunctionCall(t[1] == null ? "" : t[1], t[2]))));
            String text = content.isEmpty() ? null : content.toString();
            long input = in >= 0 ? in : Tokens.ofPrompt(call.request());
            long output = out >= 0
                    ? out
                    : Tokens.ofText(content.toString())
                            + calls.stream()
                                    .mapToLong(c -> Tokens.ofText(c.function().arguments()))
                                    .sum();
            return new ChatResult(text, calls, finish, input, output);
        }
    }
}
