package dev.berrys.model.upstream;

import com.openai.client.OpenAIClient;
import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's chat completions API and every server that speaks it, through OpenAI's official Java SDK
 * ({@code openai-java}). The caller's JSON becomes the SDK's request body as it came (fields the SDK does
 * not model are kept as additional properties), with the catalog's upstream model name; the SDK does
 * not retry ({@link OpenAiSdkClients}): the router does.
 */
@Component
class OpenAiCompatibleClient implements ProviderClient {
    /** A stream is cut only when it stalls (read timeout); this bounds a stream that never ends. */
    static final Duration MAX_STREAM = Duration.ofHours(1);

    private final OpenAiSdkClients clients;

    OpenAiCompatibleClient(OpenAiSdkClients clients) {
        this.clients = clients;
    }

    @Override
    public ProviderType type() {
        return ProviderType.OPENAI_COMPATIBLE;
    }

    @Override
    public ChatResult complete(ModelRoute route, ChatCall call) {
        OpenAIClient client = clients.of(route.provider());
        Duration timeout = timeout(route);
        ChatCompletion answer;
        try {
            answer = client.chat()
                    .completions()
                    .create(
                            params(route, call, false),
                            RequestOptions.builder()
                                    .timeout(Timeout.builder()
                                            .connect(OpenAiSdkClients.CONNECT_TIMEOUT)
                                            .read(timeout)
                                            .write(timeout)
                                            .request(timeout)
                                            .build())
                                    .build());
        } catch (OpenAIException e) {
            throw OpenAiSdkClients.classify(e, timeout);
        }
        try {
            return result(answer, call);
        } catch (OpenAIException e) {
            // a required field missing from the answer: the SDK says so on access
            throw new UpstreamException(
                    UpstreamException.Kind.MALFORMED, 200, "malformed answer: not a chat completion");
        }
    }

    @Override
    public ChatResult stream(ModelRoute route, ChatCall call, ChatStream sink) {
        OpenAIClient client = clients.of(route.provider());
        Duration timeout = timeout(route);
        var state = new StreamState();
        RequestOptions options = RequestOptions.builder()
                .timeout(Timeout.builder()
                        .connect(OpenAiSdkClients.CONNECT_TIMEOUT)
                        .read(timeout) // until the answer starts, then the longest silence between chunks
                        .write(timeout)
                        .request(MAX_STREAM)
                        .build())
                .build();
        try (StreamResponse<ChatCompletionChunk> chunks =
                client.chat().completions().createStreaming(params(route, call, true), options)) {
            Iterator<ChatCompletionChunk> it = chunks.stream().iterator();
            while (it.hasNext()) {
                accept(it.next(), state, sink);
            }
        } catch (OpenAIException e) {
            throw OpenAiSdkClients.classify(e, timeout);
        }
        if (state.finish == null) {
            throw new UpstreamException(UpstreamException.Kind.MALFORMED, 200, "stream ended without a finish reason");
        }
        return state.result(call);
    }

    private static void accept(ChatCompletionChunk chunk, StreamState state, ChatStream sink) {
        chunk.usage().ifPresent(u -> {
            state.in = u.promptTokens();
            state.out = u.completionTokens();
        });
        List<ChatCompletionChunk.Choice> choices = chunk.choices();
        if (choices.isEmpty()) {
            return;
        }
        ChatCompletionChunk.Choice choice = choices.getFirst();
        ChatCompletionChunk.Choice.Delta delta = choice.delta();
        String text = delta.content().orElse(null);
        List<ChatDelta.ToolCallDelta> tools = new ArrayList<>();
        for (ChatCompletionChunk.Choice.Delta.ToolCall t : delta.toolCalls().orElse(List.of())) {
            var d = new ChatDelta.ToolCallDelta(
                    (int) t.index(),
                    t.id().orElse(null),
                    t.function().flatMap(f -> f.name()).orElse(null),
                    t.function().flatMap(f -> f.arguments()).orElse(null));
            tools.add(d);
            state.add(d);
        }
        String finish = choice.finishReason().map(Object::toString).orElse(null);
        if (finish != null) {
            state.finish = finish;
        }
        if ((text != null && !text.isEmpty()) || !tools.isEmpty() || finish != null) {
            if (text != null) {
                state.content.append(text);
            }
            sink.delta(new ChatDelta(text == null || text.isEmpty() ? null : text, tools, finish));
        }
    }

    private static ChatResult result(ChatCompletion answer, ChatCall call) {
        if (answer.choices().isEmpty()) {
            throw new UpstreamException(
                    UpstreamException.Kind.MALFORMED, 200, "malformed answer: no choices[0].message");
        }
        ChatCompletion.Choice choice = answer.choices().getFirst();
        ChatCompletionMessage message = choice.message();
        List<ChatRequest.ToolCall> calls = new ArrayList<>();
        for (ChatCompletionMessageToolCall c : message.toolCalls().orElse(List.of())) {
            c.function()
                    .ifPresent(f -> calls.add(new ChatRequest.ToolCall(
                            f.id(),
                            "function",
                            new ChatRequest.FunctionCall(
                                    f.function().name(), f.function().arguments()))));
        }
        String content = message.content().orElse(null);
        String finish = choice._finishReason().isMissing()
                ? (calls.isEmpty() ? "stop" : "tool_calls")
                : choice.finishReason().toString();
        long in = answer.usage().map(u -> u.promptTokens()).orElseGet(() -> Tokens.ofPrompt(call.request()));
        long out = answer.usage()
                .map(u -> u.completionTokens())
                .orElseGet(() -> Tokens.ofText(content == null ? "" : content));
        return new ChatResult(content, calls, finish, in, out);
    }

    /** The caller's request as the SDK's body, with the upstream model name and without the stream flags. */
    private ChatCompletionCreateParams params(ModelRoute route, ChatCall call, boolean stream) {
        ObjectNode raw = call.raw().deepCopy();
        raw.remove("stream");
        raw.remove("stream_options");
        var builder =
                ChatCompletionCreateParams.builder().body(clients.body(raw)).model(route.upstreamName());
        if (stream) {
            builder.streamOptions(
                    ChatCompletionStreamOptions.builder().includeUsage(true).build());
        }
        return builder.build();
    }

    private static Duration timeout(ModelRoute route) {
        return Duration.ofMillis(route.provider().settings().timeout());
    }

    /** What a stream has said so far. */
    static final class StreamState {
        final StringBuilder content = new StringBuilder();
        final Map<Integer, String[]> tools = new TreeMap<>();

        @Nullable
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
            // the stream was refused as malformed before this when it ended without one
            return new ChatResult(text, calls, Objects.requireNonNull(finish), input, output);
        }
    }
}
