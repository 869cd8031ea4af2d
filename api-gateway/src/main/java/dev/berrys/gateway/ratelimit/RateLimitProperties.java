package dev.berrys.gateway.ratelimit;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * A token bucket per caller: {@code requestsPerSecond} refill, up to {@code burst} at once.
 * ({@code BERRYS_RATE_LIMIT_RPS}, {@code BERRYS_RATE_LIMIT_BURST}).
 */
@Validated
@ConfigurationProperties("berrys.rate-limit")
record RateLimitProperties(
        boolean enabled,
        @Min(1) int requestsPerSecond,
        @Min(1) int burst) {}
