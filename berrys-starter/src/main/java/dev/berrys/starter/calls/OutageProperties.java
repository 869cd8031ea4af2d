package dev.berrys.starter.calls;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How callers ride out an outage of a dependency.
 *
 * @param tolerance how long one call waits for an unavailable dependency before it gives up
 * @param firstBackoff the wait after the first failed try; doubled after each further one
 * @param maxBackoff the longest wait between two tries
 * @param modelCallBudget the longest model-orchestration spends on one chat call (every retry and fallback
 *     model included); callers wait that long plus {@link OutagePolicy#MARGIN} before they call it a timeout
 */
@ConfigurationProperties("berrys.outage")
public record OutageProperties(
        @DefaultValue("15m") Duration tolerance,
        @DefaultValue("1s") Duration firstBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("180s") Duration modelCallBudget) {}
