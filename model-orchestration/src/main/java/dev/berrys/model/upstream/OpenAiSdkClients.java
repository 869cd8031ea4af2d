package dev.berrys.model.upstream;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.berrys.model.catalog.ProviderRuntime;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One OpenAI SDK client per provider, built again when its base URL or key changes (providers are edited
 * at run time); the SDK's own retries are off. Also the translation of the SDK's failures into
 * {@link UpstreamException}s: from the status and headers only, never the SDK's message, which may quote
 * the upstream's body.
 */
@Component
class OpenAiSdkClients {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** OpenAI-compatible servers without keys (Ollama, vLLM, llama.cpp) ignore it; the SDK requires one. */
    static final String NO_KEY = "berrys-no-key";

    private final PerProvider<OpenAIClient> clients = new PerProvider<>(OpenAiSdkClients::build, OpenAIClient::close);
    private final JsonMapper json;

    OpenAiSdkClients(JsonMapper json) {
        this.json = json;
    }

    OpenAIClient of(ProviderRuntime provider) {
        return clients.of(provider);
    }

    private static OpenAIClient build(ProviderRuntime provider) {
        String baseUrl = Objects.requireNonNull(provider.baseUrl(), "an OpenAI-compatible provider has a base URL");
        String key = provider.apiKey() == null || provider.apiKey().isBlank() ? NO_KEY : provider.apiKey();
        return OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl)
                .apiKey(key)
                .maxRetries(0)
                .maxIdleConnections(64)
                .keepAliveDuration(Duration.ofMinutes(5))
                .build();
    }

    /** The caller's JSON as the SDK's request body; what the SDK does not model stays as additional properties. */
    ChatCompletionCreateParams.Body body(ObjectNode raw) {
        try {
            return ObjectMappers.jsonMapper()
                    .readValue(json.writeValueAsString(raw), ChatCompletionCreateParams.Body.class);
        } catch (IOException e) {
            // the facade validated this JSON already
            throw new IllegalArgumentException("request body not readable by the OpenAI SDK", e);
        }
    }

    static UpstreamException classify(OpenAIException e, Duration timeout) {
        if (e instanceof SseException) {
            return new UpstreamException(UpstreamException.Kind.SERVER_ERROR, 500, "error event in the stream");
        }
        if (e instanceof OpenAIServiceException s) {
            return UpstreamException.ofStatus(s.statusCode(), RetryAfter.parse(name -> first(s, name)));
        }
        if (e instanceof OpenAIInvalidDataException) {
            return new UpstreamException(UpstreamException.Kind.MALFORMED, 200, "malformed answer: not JSON");
        }
        if (e instanceof OpenAIIoException) {
            return UpstreamException.ofTransport(e, timeout);
        }
        return new UpstreamException(
                UpstreamException.Kind.MALFORMED,
                200,
                "malformed answer: " + e.getClass().getSimpleName());
    }

    private static @Nullable String first(OpenAIServiceException e, String name) {
        List<String> values = e.headers().values(name);
        return values.isEmpty() ? null : values.getFirst();
    }

    @PreDestroy
    void close() {
        clients.close();
    }
}
