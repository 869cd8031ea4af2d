package dev.berrys.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends a request for a service with several replicas ({@code BERRYS_AGENT_URL=http://a:8083,http://b:9083})
 * to the next one in turn, and when that one refuses the connection (nothing was sent: safe for any method)
 * to another. Runs after the route's URL is set and before the request is proxied. With one URL per
 * service, as behind a Kubernetes Service, it does nothing.
 */
final class ReplicaRoutingFilter implements GlobalFilter, Ordered {
    private static final Logger log = LoggerFactory.getLogger(ReplicaRoutingFilter.class);

    private final Map<String, ReplicaSet> services;

    ReplicaRoutingFilter(Map<String, ReplicaSet> services) {
        this.services = services;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        ReplicaSet replicas = route == null
                ? null
                : services.get(String.valueOf(route.getMetadata().get(GatewayRoutes.SERVICE)));
        if (url == null || replicas == null || replicas.size() == 1) {
            return chain.filter(exchange);
        }
        return attempt(exchange, chain, url, replicas, replicas.order(), 0);
    }

    private Mono<Void> attempt(
            ServerWebExchange exchange,
            GatewayFilterChain chain,
            URI url,
            ReplicaSet replicas,
            List<Integer> order,
            int tried) {
        int replica = order.get(tried);
        URI base = replicas.get(replica);
        URI target = URI.create(base.getScheme() + "://" + base.getRawAuthority() + url.getRawPath()
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, target);
        return chain.filter(exchange).onErrorResume(ReplicaRoutingFilter::isRefused, e -> {
            replicas.refused(replica);
            if (tried + 1 >= order.size() || exchange.getResponse().isCommitted()) {
                return Mono.error(e);
            }
            log.info("replica {} refused the connection; trying another", base);
            ServerWebExchangeUtils.reset(exchange);
            return attempt(exchange, chain, url, replicas, order, tried + 1);
        });
    }

    /** The request never left: the connection was refused, or the replica's name does not resolve (any more). */
    private static boolean isRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }
}
