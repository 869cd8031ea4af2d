package dev.berrys.gateway.routing;

import jakarta.validation.constraints.NotBlank;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Base URLs of the services behind the gateway ({@code BERRYS_*_URL}); several comma-separated URLs are the
 * replicas of one service.
 */
@Validated
@ConfigurationProperties("berrys.services")
record ServiceUrls(
        @NotBlank String projectCoordinator,
        @NotBlank String planningSystem,
        @NotBlank String agentOrchestrator,
        @NotBlank String modelOrchestration,
        @NotBlank String toolIntegration,
        @NotBlank String serviceIntegration,
        @NotBlank String webDashboard) {

    /** Each service's replicas, by the service name the routes carry in their metadata. */
    Map<String, ReplicaSet> replicas() {
        Map<String, ReplicaSet> byService = new LinkedHashMap<>();
        byService.put("project-coordinator", new ReplicaSet(projectCoordinator));
        byService.put("planning-system", new ReplicaSet(planningSystem));
        byService.put("agent-orchestrator", new ReplicaSet(agentOrchestrator));
        byService.put("model-orchestration", new ReplicaSet(modelOrchestration));
        byService.put("tool-integration", new ReplicaSet(toolIntegration));
        byService.put("service-integration", new ReplicaSet(serviceIntegration));
        byService.put("web-dashboard", new ReplicaSet(webDashboard));
        return Map.copyOf(byService);
    }
}
