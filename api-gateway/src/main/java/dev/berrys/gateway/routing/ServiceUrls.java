package dev.berrys.gateway.routing;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Base URLs of the services behind the gateway ({@code BERRYS_*_URL}). */
@Validated
@ConfigurationProperties("berrys.services")
record ServiceUrls(
        @NotNull URI projectCoordinator,
        @NotNull URI planningSystem,
        @NotNull URI agentOrchestrator,
        @NotNull URI modelOrchestration,
        @NotNull URI toolIntegration,
        @NotNull URI serviceIntegration,
        @NotNull URI webDashboard) {}
