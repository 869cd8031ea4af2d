package dev.berrys.model.routing;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Observed latency and success rate per model (exponentially weighted), for the router's choice. */
@Component
public class ModelStats {
    private static final double ALPHA = 0.2;
    private final Map<UUID, Stat> stats = new ConcurrentHashMap<>();

    /** @param latencyMs weighted latency of successful calls; @param successRate weighted share of successes */
    public record Stat(double latencyMs, double successRate, long calls) {}

    public Stat of(UUID model) {
        return stats.getOrDefault(model, new Stat(0, 1.0, 0));
    }

    void success(UUID model, long latencyMs) {
        stats.merge(
                model,
                new Stat(latencyMs, 1.0, 1),
                (old, n) -> new Stat(
                        old.calls() == 0 ? latencyMs : old.latencyMs() * (1 - ALPHA) + latencyMs * ALPHA,
                        old.successRate() * (1 - ALPHA) + ALPHA,
                        old.calls() + 1));
    }

    void failure(UUID model) {
        stats.merge(
                model,
                new Stat(0, 0.0, 1),
                (old, n) -> new Stat(old.latencyMs(), old.successRate() * (1 - ALPHA), old.calls() + 1));
    }
}
