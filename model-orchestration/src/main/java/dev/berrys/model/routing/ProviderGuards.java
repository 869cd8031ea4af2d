package dev.berrys.model.routing;

import dev.berrys.model.catalog.ProviderRuntime;
import dev.berrys.model.catalog.ProviderSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * Per provider: a Resilience4j circuit breaker (count-based window of 10 calls, opens at the configured
 * failure rate, lets one probe through after the open time) and a concurrency limit. Rebuilt when the
 * provider's settings change.
 */
@Component
public class ProviderGuards {
    private final Map<UUID, Guard> guards = new ConcurrentHashMap<>();

    /** The breaker and the concurrency limit of one provider. */
    public record Guard(ProviderSettings settings, CircuitBreaker breaker, Semaphore permits) {}

    public Guard of(ProviderRuntime provider) {
        Guard current = guards.get(provider.id());
        if (current != null && current.settings().equals(provider.settings())) {
            return current;
        }
        return guards.compute(
                provider.id(),
                (id, existing) -> existing != null && existing.settings().equals(provider.settings())
                        ? existing
                        : create(provider));
    }

    public CircuitBreaker.State state(UUID providerId) {
        Guard g = guards.get(providerId);
        return g == null ? CircuitBreaker.State.CLOSED : g.breaker().getState();
    }

    private static Guard create(ProviderRuntime provider) {
        ProviderSettings s = provider.settings();
        var config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(s.circuitRate())
                .waitDurationInOpenState(Duration.ofMillis(s.circuitOpen()))
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(Throwable.class)
                .build();
        return new Guard(
                s, CircuitBreaker.of("provider-" + provider.name(), config), new Semaphore(s.concurrency(), true));
    }
}
