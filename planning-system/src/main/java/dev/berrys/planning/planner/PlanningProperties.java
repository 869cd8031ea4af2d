package dev.berrys.planning.planner;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Planning settings.
 *
 * @param modelUrl model-orchestration's base URL
 * @param roles the roles a plan may use
 * @param maxTasks most tasks in a plan
 * @param lease how long a worker owns a planning request before another may take it over (renewed per
 *     call); longer than a model call may take ({@code OutagePolicy.modelReadTimeout()}, 210 s by default)
 * @param recoveryIntervalMs how often unfinished requests are looked for
 */
@ConfigurationProperties("berrys.planning")
record PlanningProperties(
        @DefaultValue("http://127.0.0.1:8084") String modelUrl,

        @DefaultValue({"coordinator", "researcher", "developer", "writer", "reviewer"})
        List<String> roles,

        @DefaultValue("250") int maxTasks,
        @DefaultValue("4m") Duration lease,
        @DefaultValue("15000") long recoveryIntervalMs) {}
