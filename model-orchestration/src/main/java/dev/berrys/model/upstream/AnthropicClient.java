package dev.berrys.model.upstream;

import dev.berrys.model.catalog.ModelRoute;
import dev.berrys.model.catalog.ProviderType;
import dev.berrys.model.chat.ChatCall;
import dev.berrys.model.chat.ChatDelta;
import dev.berrys.model.chat.ChatRequest;
import dev.berrys.model.chat.ChatResult;
import dev.berrys.model.chat.ChatStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Anthropic's Messages API ({@code POST /v1/messages}), plain and streamed, answered in OpenAI's terms. */
@Component
class AnthropicClient implements ProviderClient {
    static final String VERSION = "2023-06-01";
    private final UpstreamHttp http;

    AnthropicClient(UpstreamHttp http) {
        this.http = http;
    }

    @Override
    public ProviderType type() {
        return ProviderType.ANTHROPIC;
    }

    @Override
    public ChatResult complete(ModelRoute route, ChatCall call) {
        boolean structured = call.request().jsonSchema() != null;
        JsonNode answer = http.postJson(
                url(route),
                headers(route),
                AnthropicMessages.request(http.json(), route.upstreamName(), call, false),
                timeout(route));
        if (!answer.path("content").isArray() || !answer.path("stop_reason").isString()) {
            throw new UpstreamException(
                    UpstreamException.Kind.MALFORMED, 200, "malformed answer: no content or stop_reason");
        }
        StringBuilder text = new StringBuilder();
        List<ChatRequest.ToolCall> calls = new ArrayList<>();
        for (JsonNode block : answer.path("content")) {
            switch (block.path("type").asString("")) {
                case "text" -> text.append(block.path("text").asString(""));
                case "tool_use" -> {
                    if (structured
                            && AnthropicMessages.STRUCTURED_TOOL.equals(
                                    block.path("name").asString())) {
                        text.append(http.json().writeValueAsString(block.path("input")));
                    } else {
                        calls.add(new ChatRequest.ToolCall(
                                block.path("id").asString(null),
                                "function",
                                new ChatRequest.FunctionCall(
                                        block.path("name").asString(""),
                                        http.json().writeValueAsString(block.path("input")))));
                    }
                }
                default -> {}
            }
        }
        return new ChatResult(
                text.isEmpty() ? null : text.toString(),
                calls,
                AnthropicMessages.finishReason(answer.path("stop_reason").asString(), structured),
                answer.path("usage").path("input_tokens").asLong(0),
                answer.path("usage").path("output_tokens").asLong(0));
    }

    @Override
    public ChatResult stream(ModelRoute route, ChatCall call, ChatStream sink) {
        boolean structured = call.request().jsonSchema() != null;
        var state = new OpenAiCompatibleClient.StreamState();
        Map<Integer, Integer> toolIndex = new HashMap<>();
        Map<Integer, Boolean> structuredBlocks = new HashMap<>();
        long[] tokens = {0, 0};
        http.postStream(
                url(route),
                headers(route),
                AnthropicMessages.request(http.json(), route.upstreamName(), call, true),
                timeout(route),
                line -> {
                    if (!line.startsWith("data:")) {
                        return;
                    }
                    JsonNode event = http.parse(line.substring(5).strip());
                    int index = event.path("index").asInt(0);
                    switch (event.path("type").asString("")) {
                        case "message_start" ->
                            tokens[0] = event.path("message")
                                    .path("usage")
                                    .path("input_tokens")
                                    .asLong(0);
                        case "content_block_start" -> {
                            JsonNode block = event.path("content_block");
                            if ("tool_use".equals(block.path("type").asString())) {
                                if (structured
                                        && AnthropicMessages.STRUCTURED_TOOL.equals(
                                                block.path("name").asString())) {
                                    structuredBlocks.put(index, true);
                                } else {
                                    int i = toolIndex.size();
                                    toolIndex.put(index, i);
                                    var d = new ChatDelta.ToolCallDelta(
                                            i,
                                            block.path("id").asString(null),
                                            block.path("name").asString(""),
                                            "");
                                    state.add(d);
                                    sink.delta(new ChatDelta(null, List.of(d), null));
                                }
                            }
                        }
                        case "content_block_delta" -> {
                            JsonNode delta = event.path("delta");
                            if ("text_delta".equals(delta.path("type").asString())) {
                                String text = delta.path("text").asString("");
                                state.content.append(text);
                                sink.delta(ChatDelta.content(text));
                            } else if ("input_json_delta"
                                    .equals(delta.path("type").asString())) {
                                String part = delta.path("partial_json").asString("");
                                if (structuredBlocks.containsKey(index)) {
                                    state.content.append(part);
                                    sink.delta(ChatDelta.content(part));
                                } else if (toolIndex.containsKey(index)) {
                                    var d = new ChatDelta.ToolCallDelta(toolIndex.get(index), null, null, part);
                                    state.add(d);
                                    sink.delta(new ChatDelta(null, List.of(d), null));
                                }
                            }
                        }
                        case "message_delta" -> {
                            tokens[1] =
                                    event.path("usage").path("output_tokens").asLong(tokens[1]);
                            String stop =
                                    event.path("delta").path("stop_reason").asString(null);
                            if (stop != null) {
                                state.finish = AnthropicMessages.finishReason(stop, structured);
                                sink.delta(ChatDelta.finish(state.finish));
                            }
                        }
                        case "error" ->
                            throw new UpstreamException(
                                    UpstreamException.Kind.SERVER_ERROR, 529, "error event in the stream");
                        default -> {}
                    }
                });
        if (state.finish == null) {
            throw new UpstreamException(UpstreamException.Kind.MALFORMED, 200, "stream ended without a stop reason");
        }
        state.in = tokens[0];
        state.out = tokens[1];
        return state.result(call);
    }

    private static String url(ModelRoute route) {
        String base = route.provider().baseUrl();
        return base.endsWith("/v1") ? base + "/messages" : base + "/v1/messages";
    }

    private static Map<String, String> headers(ModelRoute route) {
        Map<String, String> headers = new HashMap<>();
        headers.put("anthropic-version", VERSION);
        if (route.provider().apiKey() != null) {
            headers.put("x-api-key", route.provider().apiKey());
        }
        return headers;
    }

    private static Duration timeout(ModelRoute route) {
        return Duration.ofMillis(route.provider().settings().timeout());
    }
}
