package dev.berrys.gateway.ratelimit;

import dev.berrys.gateway.problem.ProblemTypes;
import dev.berrys.gateway.problem.ProblemWriter;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rate limits every authenticated request by its token's subject (a user or an API key), and token
 * requests by client address. Runs after security, so the subject is known; over the limit is a 429
 * ProblemDetail with {@code Retry-After}. If Redis is down it lets requests through: an outage of the
 * limiter should not become an outage of the platform.
 */
@Component
@Order(0)
class RateLimitFilter implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final TokenBucket bucket;
    private final RateLimitProperties props;
    private final ProblemWriter problems;

    RateLimitFilter(TokenBucket bucket, RateLimitProperties props, ProblemWriter problems) {
        this.bucket = bucket;
        this.props = props;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!props.enabled()) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> "sub:" + principal.getName())
                .switchIfEmpty(Mono.justOrEmpty(anonymousKey(exchange)))
                .flatMap(key -> bucket.take(key, props.requestsPerSecond(), props.burst())
                        .onErrorResume(e -> {
                            log.warn("Rate limiter unavailable, letting the request through: {}", e.toString());
                            return Mono.empty();
                        }))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(decision -> {
                    if (decision.isPresent() && !decision.get().allowed()) {
                        return tooMany(exchange, decision.get());
                    }
                    decision.ifPresent(d -> exchange.getResponse()
                            .getHeaders()
                            .set("X-RateLimit-Remaining", String.valueOf(d.remaining())));
                    return chain.filter(exchange);
                });
    }

    /** Anonymous callers are limited on the token endpoint only; the rest is public or refused anyway. */
    private static @Nullable String anonymousKey(ServerWebExchange exchange) {
        if (!exchange.getRequest().getPath().value().equals("/api/auth/token")) {
            return null;
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return "ip:"
                + (remote == null || remote.getAddress() == null
                        ? "unknown"
                        : remote.getAddress().getHostAddress());
    }

    private Mono<Void> tooMany(ServerWebExchange exchange, TokenBucket.Decision decision) {
        long seconds = Math.max(1, (decision.retryAfterMillis() + 999) / 1000);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.TOO_MANY_REQUESTS,
                "Rate limit of " + props.requestsPerSecond() + " requests per second (burst " + props.burst()
                        + ") exceeded; retry in " + seconds + " s");
        problem.setType(ProblemTypes.RATE_LIMITED);
        problem.setTitle("Too many requests");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        headers.set("X-RateLimit-Remaining", "0");
        return problems.write(exchange, problem, headers);
    }
}
