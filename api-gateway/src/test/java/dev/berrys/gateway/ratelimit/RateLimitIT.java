package dev.berrys.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.contracts.security.Role;
import dev.berrys.gateway.GatewayIT;
import dev.berrys.gateway.token.TokenIssuer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * A bucket of 3 refilled at 1 per second. Requests go out all at once, so that how long each one
 * takes on a busy machine does not change how many the bucket lets through.
 */
@TestPropertySource(properties = {"berrys.rate-limit.requests-per-second=1", "berrys.rate-limit.burst=3"})
class RateLimitIT extends GatewayIT {

    private static final int AT_ONCE = 8;

    /** Tokens come straight from the issuer: the token endpoint is rate limited by address too. */
    @Autowired
    private TokenIssuer issuer;

    @LocalServerPort
    private int port;

    @Test
    void overTheBurstIs429WithRetryAfterAndOtherCallersAreUnaffected() {
        String greedy = token(Role.VIEWER);
        String other = token(Role.VIEWER);

        List<Reply> replies = atOnce(client -> client.get().uri("/api/auth/me").headers(h -> h.setBearerAuth(greedy)));

        assertLimited(replies);
        Reply refused =
                replies.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(refused.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(refused.body()).contains("https://berrys.dev/problems/rate-limited");
        assertThat(Long.parseLong(refused.retryAfter())).isBetween(1L, 2L);

        web.get()
                .uri("/api/auth/me")
                .headers(h -> h.setBearerAuth(other))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void proxiedRequestsCountToo() {
        String caller = token(Role.OPERATOR);
        assertLimited(atOnce(client -> client.get().uri("/api/projects").headers(h -> h.setBearerAuth(caller))));
    }

    @Test
    void tokenRequestsAreLimitedByClientAddress() {
        List<Reply> replies = atOnce(client -> client.post()
                .uri("/api/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", uniqueName("nobody"), "password", "wrong")));
        assertThat(replies)
                .filteredOn(r -> r.status() == 429)
                .hasSizeGreaterThanOrEqualTo(AT_ONCE - 4)
                .allMatch(r -> r.body().contains("rate-limited"));
    }

    private static void assertLimited(List<Reply> replies) {
        long passed = replies.stream().filter(r -> r.status() == 200).count();
        long refused = replies.stream().filter(r -> r.status() == 429).count();
        assertThat(passed).as("the burst, plus at most one refill").isBetween(3L, 4L);
        assertThat(passed + refused).isEqualTo(AT_ONCE);
    }

    private List<Reply> atOnce(Function<WebClient, WebClient.RequestHeadersSpec<?>> request) {
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        return Flux.range(0, AT_ONCE)
                .flatMap(
                        i -> request.apply(client).exchangeToMono(response -> response.bodyToMono(String.class)
                                .defaultIfEmpty("")
                                .map(body -> new Reply(
                                        response.statusCode().value(),
                                        response.headers().asHttpHeaders().getFirst("Retry-After"),
                                        String.valueOf(
                                                response.headers().contentType().orElse(null)),
                                        body))),
                        AT_ONCE)
                .collectList()
                .block(Duration.ofSeconds(30));
    }

    private String token(Role role) {
        return issuer.issue(uniqueName("rl"), EnumSet.of(role), "default").accessToken();
    }

    private record Reply(int status, String retryAfter, String contentType, String body) {}
}
