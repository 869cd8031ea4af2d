package dev.berrys.model.upstream;

import com.anthropic.errors.AnthropicException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawContentBlockDeltaEvent;
import com.anthropic.models.messages.RawContentBlockStartEvent;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import dev.berrys.model.catalog.ModelRoute;
import dev.berrys.model.catalog.ProviderType;
import dev.berrys.model.chat.ChatCall;
import dev.berrys.model.chat.ChatDelta;
import dev.berrys.model.chat.ChatRequest;
import dev.berrys.model.chat.ChatResult;
import dev.berrys.model.chat.ChatStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Anthropic's Messages API through the official SDK ({@code anthropic-java}), plain and streamed,
 * answered in OpenAI's terms. One attempt per call: the SDK's retries are off, the router retries.
 */
@Component
class AnthropicClient implements ProviderClient {
    private final AnthropicSdkClients clients;

    AnthropicClient(AnthropicSdkClients clients) {
        this.clients = clients;
    }

    @Override
    public ProviderType type() {
        return ProviderType.ANTHROPIC;
    }

    @Override
    public ChatResult complete(ModelRoute route, ChatCall call) {
        boolean structured = call.request().jsonSchema() != null;
        try {
            Message answer = clients.of(route.provider())
                    .messages()
                    .create(AnthropicMessages.request(route.upstreamName(), call), AnthropicSdkClients.plain(route));
            return result(answer, structured);
        } catch (AnthropicException e) {
            throw AnthropicFailures.of(e, AnthropicSdkClients.timeout(route));
        }
    }

    private static ChatResult result(Message answer, boolean structured) {
        List<ContentBlock> content = answer._content().asKnown().orElse(null);
        StopReason stop = answer._stopReason().asKnown().orElse(null);
        if (content == null || stop == null) {
            throw new UpstreamException(
                    UpstreamException.Kind.MALFORMED, 200, "malformed answer: no content or stop_reason");
        }
        StringBuilder text = new StringBuilder();
        List<ChatRequest.ToolCall> calls = new ArrayList<>();
        for (ContentBlock block : content) {
            block.text().ifPresent(t -> text.append(t.text()));
            block.toolUse().ifPresent(use -> {
                String input = AnthropicMessages.json(use._input());
                if (structured && AnthropicMessages.STRUCTURED_TOOL.equals(use.name())) {
                    text.append(input);
                } else {
                    calls.add(new ChatRequest.ToolCall(
                            use.id(), "function", new ChatRequest.FunctionCall(use.name(), input)));
                }
            });
        }
        var usage = answer._usage().asKnown();
        return new ChatResult(
                text.isEmpty() ? null : text.toString(),
                calls,
                AnthropicMessages.finishReason(stop.asString(), structured),
                usage.flatMap(u -> u._inputTokens().asKnown()).orElse(0L),
                usage.flatMap(u -> u._outputTokens().asKnown()).orElse(0L));
    }

    @Override
    public ChatResult stream(ModelRoute route, ChatCall call, ChatStream sink) {
        var state = new StreamState(call.request().jsonSchema() != null, sink);
        try (var events = clients.of(route.provider())
                .messages()
                .createStreaming(
                        AnthropicMessages.request(route.upstreamName(), call), AnthropicSdkClients.streamed(route))) {
            for (RawMessageStreamEvent event : events) {
                state.on(event);
            }
        } catch (AnthropicException e) {
            throw AnthropicFailures.of(e, AnthropicSdkClients.timeout(route));
        }
        return state.result();
    }

    /** What a stream has said so far, and its translation into deltas for the sink. */
    private static final class StreamState {
        private final boolean structured;
        private final ChatStream sink;
        private final StringBuilder content = new StringBuilder();
        private final Map<Long, ChatDelta.ToolCallDelta> tools = new HashMap<>();
        private final Map<Long, StringBuilder> arguments = new HashMap<>();
        private final Set<Long> structuredBlocks = new HashSet<>();
        private @Nullable String finish;
        private long in;
        private long out;

        StreamState(boolean structured, ChatStream sink) {
            this.structured = structured;
            this.sink = sink;
        }

        void on(RawMessageStreamEvent event) {
            event.messageStart()
                    .flatMap(s -> s.message()._usage().asKnown())
                    .flatMap(u -> u._inputTokens().asKnown())
                    .ifPresent(tokens -> in = tokens);
            event.contentBlockStart().ifPresent(this::blockStart);
            event.contentBlockDelta().ifPresent(this::blockDelta);
            event.messageDelta().ifPresent(d -> {
                d._usage().asKnown().flatMap(u -> u._outputTokens().asKnown()).ifPresent(tokens -> out = tokens);
                d.delta().stopReason().ifPresent(stop -> {
                    finish = AnthropicMessages.finishReason(stop.asString(), structured);
                    sink.delta(ChatDelta.finish(finish));
                });
            });
        }

        private void blockStart(RawContentBlockStartEvent start) {
            start.contentBlock().toolUse().ifPresent(use -> {
                if (structured && AnthropicMessages.STRUCTURED_TOOL.equals(use.name())) {
                    structuredBlocks.add(start.index());
                } else {
                    var d = new ChatDelta.ToolCallDelta(tools.size(), use.id(), use.name(), "");
                    tools.put(start.index(), d);
                    arguments.put(start.index(), new StringBuilder());
                    sink.delta(new ChatDelta(null, List.of(d), null));
                }
            });
        }

        private void blockDelta(RawContentBlockDeltaEvent event) {
            long index = event.index();
            event.delta().text().ifPresent(t -> {
                content.append(t.text());
                sink.delta(ChatDelta.content(t.text()));
            });
            event.delta().inputJson().ifPresent(j -> {
                String part = j.partialJson();
                if (structuredBlocks.contains(index)) {
                    content.append(part);
                    sink.delta(ChatDelta.content(part));
                } else if (tools.containsKey(index)) {
                    Objects.requireNonNull(arguments.get(index)).append(part); // kept with tools
                    var d = new ChatDelta.ToolCallDelta(tools.get(index).index(), null, null, part);
                    sink.delta(new ChatDelta(null, List.of(d), null));
                }
            });
        }

        ChatResult result() {
            if (finish == null) {
                throw new UpstreamException(
                        UpstreamException.Kind.MALFORMED, 200, "stream ended without a stop reason");
            }
            List<ChatRequest.ToolCall> calls = new ArrayList<>();
            tools.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> calls.add(new ChatRequest.ToolCall(
                            e.getValue().id(),
                            "function",
                            new ChatRequest.FunctionCall(
                                    Objects.requireNonNull(e.getValue().name()), // the block's start named it
                                    Objects.requireNonNull(arguments.get(e.getKey()))
                                            .toString()))));
            return new ChatResult(content.isEmpty() ? null : content.toString(), calls, finish, in, out);
        }
    }
}
