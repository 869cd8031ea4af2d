package dev.berrys.starter.security;

import dev.berrys.starter.calls.Replicas;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Builds {@link RestClient}s for calls to other Berrys services. Each request carries a service token
 * for the current tenant ({@link Tenants}) and, through Boot's instrumented builder, the W3C
 * {@code traceparent}.
 */
public class ServiceClients {
    private final RestClient.Builder builder;
    private final ServiceTokens tokens;

    ServiceClients(RestClient.Builder builder, ServiceTokens tokens) {
        this.builder = builder;
        this.tokens = tokens;
    }

    /**
     * A client of the service at {@code baseUrl}; several comma-separated URLs are the replicas of one
     * service, called in turn ({@link Replicas}).
     */
    public RestClient create(String baseUrl, Duration readTimeout) {
        Replicas replicas = new Replicas(baseUrl);
        var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        factory.setReadTimeout(readTimeout);
        return builder.clone()
                .baseUrl(replicas.first())
                .requestFactory(factory)
                .requestInterceptor((request, body, execution) -> {
                    if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                        request.getHeaders().setBearerAuth(tokens.tokenFor(Tenants.require()));
                    }
                    return execution.execute(request, body);
                })
                .requestInterceptor(replicas)
                .build();
    }
}
