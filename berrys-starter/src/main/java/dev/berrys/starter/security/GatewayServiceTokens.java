package dev.berrys.starter.security;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Obtains service tokens from the built-in issuer with the service client's credentials. */
final class GatewayServiceTokens implements ServiceTokens {
    private final RestClient http;
    private final SecurityProperties props;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    GatewayServiceTokens(RestClient.Builder builder, SecurityProperties props) {
        this.http = builder.baseUrl(props.gatewayUrl()).build();
        this.props = props;
    }

    @Override
    public String tokenFor(String tenant) {
        Cached cached = cache.get(tenant);
        if (cached != null && Instant.now().isBefore(cached.refreshAfter())) {
            return cached.token();
        }
        if (props.serviceClientSecret() == null || props.serviceClientSecret().isBlank()) {
            throw new IllegalStateException("BERRYS_SERVICE_CLIENT_SECRET is not set: this service cannot call others");
        }
        JsonNode body = http.post()
                .uri("/api/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "clientId", props.serviceClientId(),
                        "clientSecret", props.serviceClientSecret(),
                        "tenant", tenant))
                .retrieve()
                .body(JsonNode.class);
        if (body == null || !body.hasNonNull("access_token")) {
            throw new IllegalStateException("the token endpoint answered without a token");
        }
        long expiresIn = body.path("expires_in").asLong(300);
        Cached fresh = new Cached(
                body.get("access_token").asString(), Instant.now().plusSeconds(Math.max(10, expiresIn - 60)));
        cache.put(tenant, fresh);
        return fresh.token();
    }

    private record Cached(String token, Instant refreshAfter) {}
}
