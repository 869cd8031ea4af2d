package dev.berrys.model.upstream;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.LogLevel;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.Timeout;
import dev.berrys.model.catalog.ModelRoute;
import dev.berrys.model.catalog.ProviderRuntime;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One official Anthropic SDK client per provider, built for its base URL and key and rebuilt (the old
 * one closed) when either changes through {@code /api/providers}. The SDK never retries (the router
 * does) and never logs; timeouts are given per request, so a changed timeout applies at once.
 */
@Component
class AnthropicSdkClients implements DisposableBean {
    private static final Duration CONNECT = Duration.ofSeconds(10);

    private final PerProvider<AnthropicClient> clients =
            new PerProvider<>(AnthropicSdkClients::build, AnthropicClient::close);

    AnthropicClient of(ProviderRuntime provider) {
        return clients.of(provider);
    }

    /** A plain answer: the provider's timeout for the whole call. */
    static RequestOptions plain(ModelRoute route) {
        Duration timeout = timeout(route);
        return RequestOptions.builder()
                .timeout(Timeout.builder()
                        .connect(min(CONNECT, timeout))
                        .read(timeout)
                        .write(timeout)
                        .request(timeout)
                        .build())
                .build();
    }

    /**
     * A streamed answer: the provider's timeout until the answer starts and then between two reads (a
     * stalled stream fails), no limit on the whole call (a long stream that keeps sending is not cut).
     */
    static RequestOptions streamed(ModelRoute route) {
        Duration timeout = timeout(route);
        return RequestOptions.builder()
                .timeout(Timeout.builder()
                        .connect(min(CONNECT, timeout))
                        .read(timeout)
                        .write(timeout)
                        .request(Duration.ZERO)
                        .build())
                .build();
    }

    static Duration timeout(ModelRoute route) {
        return Duration.ofMillis(route.provider().settings().timeout());
    }

    @Override
    public void destroy() {
        clients.close();
    }

    private static AnthropicClient build(ProviderRuntime provider) {
        var builder = AnthropicOkHttpClient.builder()
                .maxRetries(0)
                .logLevel(LogLevel.OFF)
                .openTelemetry(false);
        if (provider.baseUrl() != null) {
            builder.baseUrl(baseUrl(provider.baseUrl()));
        }
        if (provider.apiKey() != null) {
            builder.apiKey(provider.apiKey());
        }
        return builder.build();
    }

    /** The SDK adds {@code v1/messages}; a base URL configured with {@code /v1} (as OpenAI's are) works too. */
    static String baseUrl(String configured) {
        String base = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        return base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
