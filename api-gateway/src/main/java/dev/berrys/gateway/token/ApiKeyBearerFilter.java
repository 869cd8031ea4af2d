package dev.berrys.gateway.token;

import dev.berrys.gateway.identity.ApiKeyCredential;
import dev.berrys.gateway.identity.AuthProperties;
import dev.berrys.gateway.identity.BuiltInIssuer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * An API key works as it is: {@code Authorization: Bearer bk_<id>_<secret>} (what an OpenAI SDK sends with the
 * key as its API key) is exchanged for the key's JWT, with its roles, tenant, expiry and budget, before security
 * runs, so that the route, the rate limit and the service downstream see an ordinary token. The exchange is kept
 * for {@code berrys.auth.api-key-cache-ttl} (bcrypt on every call would cost more than the call), keyed by a
 * SHA-256 of the key, never the key itself. A revoked or rotated key's kept token is refused by the revocation
 * check like any other token of that key.
 */
@Component
@BuiltInIssuer
@Order(-200) // before Spring Security's filter chain (-100)
class ApiKeyBearerFilter implements WebFilter {

    private static final int MAX_CACHED = 10_000;

    private final TokenService tokens;
    private final Duration cacheTtl;
    private final Map<String, Exchanged> cache = new ConcurrentHashMap<>();

    ApiKeyBearerFilter(TokenService tokens, AuthProperties props) {
        this.tokens = tokens;
        this.cacheTtl = props.apiKeyCacheTtl();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String bearer = bearer(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (bearer == null || !ApiKeyCredential.looksLikeOne(bearer)) {
            return chain.filter(exchange);
        }
        return jwtFor(bearer)
                .flatMap(jwt -> chain.filter(exchange.mutate()
                        .request(request -> request.headers(headers -> headers.setBearerAuth(jwt)))
                        .build()));
    }

    private Mono<String> jwtFor(String bearer) {
        String cacheKey = sha256(bearer);
        Instant now = Instant.now();
        Exchanged cached = cache.get(cacheKey);
        if (cached != null && now.isBefore(cached.until())) {
            return Mono.just(cached.jwt());
        }
        ApiKeyCredential key = ApiKeyCredential.parse(bearer).orElse(null);
        if (key == null) {
            return Mono.error(TokenService.invalidCredentials());
        }
        return tokens.forApiKey(key.clientId(), key.secret(), null).map(issued -> {
            Duration keep = Duration.ofSeconds(issued.expiresIn()).compareTo(cacheTtl) < 0
                    ? Duration.ofSeconds(issued.expiresIn())
                    : cacheTtl;
            remember(cacheKey, new Exchanged(issued.accessToken(), now.plus(keep)));
            return issued.accessToken();
        });
    }

    private void remember(String cacheKey, Exchanged exchanged) {
        if (cache.size() >= MAX_CACHED) {
            Instant now = Instant.now();
            cache.values().removeIf(e -> !now.isBefore(e.until()));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
        }
        cache.put(cacheKey, exchanged);
    }

    private static @Nullable String bearer(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Exchanged(String jwt, Instant until) {}
}
