package dev.berrys.planning.plan;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Task execution settings.
 *
 * @param maxAttempts attempts of a task (the first one included) before it fails the plan
 * @param retryBackoff delay before the second attempt, doubled for each further one (with jitter)
 * @param retryPollMs how often due retries are looked for
 * @param metricsRefreshMs how often the {@code berrys.tasks} gauge is recounted
 * @param stallTimeout how long an ASSIGNED or RUNNING task may go without news before its assignment is
 *     published again (once per timeout)
 * @param reconcilePollMs how often stalled tasks are looked for
 */
@ConfigurationProperties("berrys.tasks")
record TaskProperties(
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("500ms") Duration retryBackoff,
        @DefaultValue("200") long retryPollMs,
        @DefaultValue("10000") long metricsRefreshMs,
        @DefaultValue("5m") Duration stallTimeout,
        @DefaultValue("10000") long reconcilePollMs) {}
