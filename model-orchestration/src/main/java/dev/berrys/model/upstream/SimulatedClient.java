package dev.berrys.model.upstream;

import dev.berrys.model.ModelProperties;
import dev.berrys.model.catalog.ModelRoute;
import dev.berrys.model.catalog.ProviderSettings;
import dev.berrys.model.catalog.ProviderType;
import dev.berrys.model.chat.ChatCall;
import dev.berrys.model.chat.ChatDelta;
import dev.berrys.model.chat.ChatRequest;
import dev.berrys.model.chat.ChatResult;
import dev.berrys.model.chat.ChatStream;
import dev.berrys.model.simulated.SimulatedModel;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SIMULATED provider: the deterministic {@link SimulatedModel} behind the configured latency
 * (a sleep, which parks the virtual thread serving the call and holds no platform thread) and failure
 * rate (random, so that a retry can succeed). Its failure is an ordinary {@link UpstreamException.Kind#FAILED_ANSWER}:
 * the router treats it as it treats any model's failed answer, knowing nothing of where it came from.
 */
@Component
class SimulatedClient implements ProviderClient {
    private static final int CHUNK_CHARS = 24;
    private final SimulatedModel model;
    private final ModelProperties.Simulated defaults;

    SimulatedClient(JsonMapper json, ModelProperties props) {
        this.model = new SimulatedModel(json);
        this.defaults = props.simulated();
    }

    @Override
    public ProviderType type() {
        return ProviderType.SIMULATED;
    }

    @Override
    public ChatResult complete(ModelRoute route, ChatCall call) {
        behave(route.provider().settings());
        return model.answer(call.request(), call.purpose());
    }

    @Override
    public ChatResult stream(ModelRoute route, ChatCall call, ChatStream sink) {
        ChatResult result = complete(route, call);
        if (result.content() != null) {
            String text = result.content();
            for (int i = 0; i < text.length(); i += CHUNK_CHARS) {
                sink.delta(ChatDelta.content(text.substring(i, Math.min(text.length(), i + CHUNK_CHARS))));
            }
        }
        for (int i = 0; i < result.toolCalls().size(); i++) {
            ChatRequest.ToolCall call1 = result.toolCalls().get(i);
            String args =
                    call1.function().arguments() == null ? "" : call1.function().arguments();
            int half = args.length() / 2;
            sink.delta(new ChatDelta(
                    null,
                    List.of(new ChatDelta.ToolCallDelta(
                            i, call1.id(), call1.function().name(), "")),
                    null));
            sink.delta(new ChatDelta(
                    null, List.of(new ChatDelta.ToolCallDelta(i, null, null, args.substring(0, half))), null));
            sink.delta(new ChatDelta(
                    null, List.of(new ChatDelta.ToolCallDelta(i, null, null, args.substring(half))), null));
        }
        sink.delta(ChatDelta.finish(result.finishReason()));
        return result;
    }

    private void behave(ProviderSettings settings) {
        long latency = settings.simulatedLatencyMs() != null ? settings.simulatedLatencyMs() : defaults.latencyMs();
        double failureRate =
                settings.simulatedFailureRate() != null ? settings.simulatedFailureRate() : defaults.failureRate();
        if (latency > 0) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException(UpstreamException.Kind.TIMEOUT, 0, "interrupted");
            }
        }
        if (failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate) {
            throw new UpstreamException(
                    UpstreamException.Kind.FAILED_ANSWER, 500, "simulated failure (failure rate " + failureRate + ")");
        }
    }
}
