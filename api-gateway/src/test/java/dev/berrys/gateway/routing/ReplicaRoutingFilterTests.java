package dev.berrys.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.berrys.contracts.replicas.ReplicaOrder;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

class ReplicaRoutingFilterTests {
    private final List<URI> sentTo = new ArrayList<>();

    @Test
    void requestsTakeTheReplicasInTurnWithPathAndQueryKept() {
        var filter = filter(new ReplicaSet("http://a:8083, http://b:9083"));

        for (int i = 0; i < 4; i++) {
            filter.filter(exchange("/api/agents?page=" + i), chain(Set.of())).block();
        }

        assertThat(sentTo)
                .containsExactly(
                        URI.create("http://a:8083/api/agents?page=0"),
                        URI.create("http://b:9083/api/agents?page=1"),
                        URI.create("http://a:8083/api/agents?page=2"),
                        URI.create("http://b:9083/api/agents?page=3"));
    }

    @Test
    void aReplicaThatRefusesIsSkippedAndPassedOverForAWhile() {
        AtomicLong now = new AtomicLong();
        var replicas = new ReplicaSet("http://a:8083,http://b:9083", now::get);
        var filter = filter(replicas);

        filter.filter(exchange("/api/agents"), chain(Set.of("a"))).block();
        assertThat(sentTo).extracting(URI::getHost).containsExactly("a", "b");

        sentTo.clear();
        filter.filter(exchange("/api/agents"), chain(Set.of("a"))).block();
        filter.filter(exchange("/api/agents"), chain(Set.of("a"))).block();
        assertThat(sentTo)
                .as("a is passed over while its refusal is fresh")
                .extracting(URI::getHost)
                .containsExactly("b", "b");

        now.addAndGet(ReplicaOrder.SKIP_REFUSED.toNanos() + 1);
        assertThat(replicas.order()).containsExactly(1, 0);
        assertThat(replicas.order()).containsExactly(0, 1);
    }

    @Test
    void whenEveryReplicaRefusesTheRefusalReachesTheErrorHandler() {
        var filter = filter(new ReplicaSet("http://a:8083,http://b:9083"));

        Throwable error = filter.filter(exchange("/api/agents"), chain(Set.of("a", "b")))
                .then(Mono.<Throwable>empty())
                .onErrorResume(Mono::just)
                .block();

        assertThat(error).isInstanceOf(ConnectException.class);
        assertThat(sentTo).hasSize(2);
    }

    private ReplicaRoutingFilter filter(ReplicaSet replicas) {
        return new ReplicaRoutingFilter(Map.of("agent-orchestrator", replicas));
    }

    private static ServerWebExchange exchange(String pathAndQuery) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get(pathAndQuery));
        Route route = Route.async()
                .id("agent-orchestrator")
                .uri("http://a:8083")
                .predicate(e -> true)
                .metadata(GatewayRoutes.SERVICE, "agent-orchestrator")
                .build();
        exchange.getAttributes().put(GATEWAY_ROUTE_ATTR, route);
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, URI.create("http://a:8083" + pathAndQuery));
        return exchange;
    }

    /** The rest of the chain: records where the request went; hosts in {@code down} refuse the connection. */
    private GatewayFilterChain chain(Set<String> down) {
        return exchange -> {
            URI url = exchange.getRequiredAttribute(GATEWAY_REQUEST_URL_ATTR);
            sentTo.add(url);
            return down.contains(url.getHost())
                    ? Mono.error(new ConnectException("Connection refused: " + url.getHost()))
                    : Mono.empty();
        };
    }
}
