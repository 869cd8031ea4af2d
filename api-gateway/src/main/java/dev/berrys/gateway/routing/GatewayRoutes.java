package dev.berrys.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Path prefixes of the public API (docs/architecture.md) to the service that owns them, each service's
 * {@code /v3/api-docs} under {@code /v3/api-docs/<service>} for the aggregated Swagger UI, and every
 * other path to the dashboard. The gateway streams responses, so Server-Sent Events pass unbuffered.
 * Services see the gateway's Host, so the URLs they build (Location headers, the {@code servers} of
 * their OpenAPI document) point at the gateway rather than at their internal address. A service given
 * several URLs (its replicas) is routed to the first, then moved to the replica whose turn it is by
 * {@link ReplicaRoutingFilter}.
 */
@Configuration(proxyBeanMethods = false)
class GatewayRoutes {

    /** Route metadata naming the service, for error messages. */
    static final String SERVICE = "service";

    /** Paths the gateway answers itself or that are never the dashboard's. */
    static final String[] NOT_DASHBOARD = {
        "/api/**",
        "/v1/**",
        "/actuator/**",
        "/v3/api-docs/**",
        "/v3/api-docs",
        "/swagger-ui/**",
        "/swagger-ui.html",
        "/webjars/**",
        "/.well-known/**"
    };

    @Bean
    ReplicaRoutingFilter replicaRoutingFilter(ServiceUrls urls) {
        return new ReplicaRoutingFilter(urls.replicas());
    }

    @Bean
    RouteLocator berrysRoutes(RouteLocatorBuilder builder, ServiceUrls urls) {
        Map<String, ReplicaSet> replicas = urls.replicas();
        List<Service> services = List.of(
                new Service(
                        "project-coordinator",
                        first(replicas, "project-coordinator"),
                        "/api/projects/**",
                        "/api/approvals/**"),
                new Service("planning-system", first(replicas, "planning-system"), "/api/plans/**", "/api/tasks/**"),
                new Service(
                        "agent-orchestrator",
                        first(replicas, "agent-orchestrator"),
                        "/api/agents/**",
                        "/api/agent-templates/**",
                        "/api/executions/**",
                        "/api/questions/**",
                        "/api/memory/**"),
                new Service(
                        "model-orchestration",
                        first(replicas, "model-orchestration"),
                        "/api/providers/**",
                        "/api/models/**",
                        "/api/model-usage/**",
                        "/api/model-calls/**",
                        "/api/budgets/**",
                        "/api/routing-policies/**",
                        "/v1/**"),
                new Service(
                        "tool-integration",
                        first(replicas, "tool-integration"),
                        "/api/tools/**",
                        "/api/mcp-servers/**",
                        "/api/tool-executions/**",
                        "/api/workspaces/**"),
                new Service(
                        "service-integration",
                        first(replicas, "service-integration"),
                        "/api/workflows/**",
                        "/api/dead-letters/**",
                        "/api/system/**"));

        RouteLocatorBuilder.Builder routes = builder.routes();
        for (Service service : services) {
            routes.route(service.id(), r -> r.path(service.paths())
                    .filters(f -> f.preserveHostHeader())
                    .metadata(SERVICE, service.id())
                    .uri(service.url()));
            routes.route(service.id() + "-api-docs", r -> r.path("/v3/api-docs/" + service.id())
                    .filters(f -> f.setPath("/v3/api-docs").preserveHostHeader())
                    .metadata(SERVICE, service.id())
                    .uri(service.url()));
        }
        routes.route("web-dashboard", r -> r.order(Integer.MAX_VALUE)
                .not(p -> p.path(NOT_DASHBOARD))
                .filters(f -> f.preserveHostHeader())
                .metadata(SERVICE, "web-dashboard")
                .uri(first(replicas, "web-dashboard")));
        return routes.build();
    }

    private record Service(String id, URI url, String... paths) {}

    /** The first replica of a service: {@link ServiceUrls} has an entry for each of them. */
    private static URI first(Map<String, ReplicaSet> replicas, String service) {
        return Objects.requireNonNull(replicas.get(service), service).first();
    }
}
