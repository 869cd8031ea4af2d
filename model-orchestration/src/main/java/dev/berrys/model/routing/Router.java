package dev.berrys.model.routing;

import dev.berrys.model.ModelProperties;
import dev.berrys.model.catalog.Capability;
import dev.berrys.model.catalog.Catalog;
import dev.berrys.model.catalog.ModelRoute;
import dev.berrys.model.catalog.RoutingPolicy;
import dev.berrys.model.chat.ChatRequest;
import dev.berrys.starter.web.ProblemException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Picks the models to try for a call, in order. A named model comes first, then its provider's
 * fallback chain. {@code auto} takes every usable model with the capabilities the request needs (tools,
 * a JSON schema, streaming, images) under the price ceiling, healthy before unhealthy (open circuit, low
 * success rate), real before simulated, cheaper before dearer, faster before slower. A routing policy
 * for the call's task type adds capabilities and a ceiling, puts its preferred models first and may
 * prefer the fastest or the most reliable instead of the cheapest.
 *
 * <p>Where the tenant has a real model, the simulated one is no stand-in for it: {@code auto} and a fallback
 * chain leave simulated models out (unless {@code BERRYS_SIMULATED_FALLBACK} allows them), so a call the real
 * models cannot answer gets the outage answer rather than a made-up one. Only a call naming a simulated model
 * gets one then. Without a real model the simulated one answers {@code auto}, as it does out of the box.
 */
@Component
public class Router {
    public static final String AUTO = "auto";
    static final int MAX_CANDIDATES = 4;

    private final Catalog catalog;
    private final ModelStats stats;
    private final ProviderGuards guards;
    private final boolean simulatedFallback;

    Router(Catalog catalog, ModelStats stats, ProviderGuards guards, ModelProperties props) {
        this.catalog = catalog;
        this.stats = stats;
        this.guards = guards;
        this.simulatedFallback = props.simulated().fallback();
    }

    /** The models to try, and whether simulated models were left out because the tenant has a real one. */
    public record Candidates(List<ModelRoute> models, boolean simulatedLeftOut) {}

    /**
     * @param maxPricePerMillion a ceiling on the output price, for {@code auto}
     * @param taskType the call's purpose: its routing policy, if the tenant has one, shapes {@code auto}
     */
    public Candidates candidates(
            String tenant, ChatRequest request, @Nullable BigDecimal maxPricePerMillion, @Nullable String taskType) {
        Catalog.Snapshot snapshot = catalog.forTenant(tenant);
        String name = request.model() == null || request.model().isBlank()
                ? AUTO
                : request.model().strip();
        boolean withoutSimulated = !simulatedFallback && snapshot.hasRealModel();
        Predicate<ModelRoute> allowed = m -> !(withoutSimulated && m.provider().simulated());
        Map<String, ModelRoute> chosen = new LinkedHashMap<>();
        Map<String, ModelRoute> leftOut = new LinkedHashMap<>();
        if (AUTO.equals(name)) {
            RoutingPolicy policy = snapshot.policy(taskType).orElse(null);
            Set<Capability> needed = needs(request);
            BigDecimal ceiling = maxPricePerMillion;
            if (policy != null) {
                needed.addAll(policy.capabilities());
                ceiling = lower(ceiling, policy.maxOutputPricePerMillion());
            }
            BigDecimal max = ceiling;
            snapshot.usable().stream()
                    .filter(m -> m.capabilities().containsAll(needed))
                    .filter(m -> max == null || m.outputPricePerMillion().compareTo(max) <= 0)
                    .sorted(order(policy))
                    .forEach(m -> (allowed.test(m) ? chosen : leftOut).putIfAbsent(m.name(), m));
        } else {
            ModelRoute primary = snapshot.model(name)
                    .orElseThrow(() -> new ProblemException(
                            HttpStatus.NOT_FOUND,
                            "model-not-found",
                            "No model named '" + name + "'; GET /v1/models lists them.",
                            Map.of("field", "model")));
            if (primary.usable()) {
                chosen.put(primary.name(), primary);
            }
            for (String fallback : primary.provider().settings().fallbackChain()) {
                snapshot.model(fallback).filter(ModelRoute::usable).ifPresent(m -> (allowed.test(m) ? chosen : leftOut)
                        .putIfAbsent(m.name(), m));
            }
        }
        List<ModelRoute> list = new ArrayList<>(chosen.values());
        return new Candidates(List.copyOf(list.subList(0, Math.min(MAX_CANDIDATES, list.size()))), !leftOut.isEmpty());
    }

    public static Set<Capability> needs(ChatRequest request) {
        Set<Capability> needed = java.util.EnumSet.of(Capability.CHAT);
        if (!request.toolList().isEmpty()) {
            needed.add(Capability.TOOLS);
        }
        if (request.jsonSchema() != null) {
            needed.add(Capability.JSON_SCHEMA);
        }
        if (request.streaming()) {
            needed.add(Capability.STREAMING);
        }
        if (request.hasImages()) {
            needed.add(Capability.VISION);
        }
        return needed;
    }

    /**
     * Healthy first; then a policy's preferred models in its order; real before simulated; then the
     * policy's strategy (cheapest without one).
     */
    private Comparator<ModelRoute> order(@Nullable RoutingPolicy policy) {
        List<String> preferred = policy == null ? List.of() : policy.preferredModels();
        Comparator<ModelRoute> first = Comparator.<ModelRoute>comparingInt(m -> healthy(m) ? 0 : 1)
                .thenComparingInt(m -> preferred.contains(m.name()) ? preferred.indexOf(m.name()) : preferred.size())
                .thenComparingInt(m -> m.provider().simulated() ? 1 : 0);
        Comparator<ModelRoute> price =
                Comparator.comparing(ModelRoute::outputPricePerMillion).thenComparing(ModelRoute::inputPricePerMillion);
        Comparator<ModelRoute> latency =
                Comparator.comparingDouble(m -> stats.of(m.id()).latencyMs());
        Comparator<ModelRoute> reliability =
                Comparator.comparingDouble(m -> -stats.of(m.id()).successRate());
        Comparator<ModelRoute> strategy =
                switch (policy == null ? RoutingPolicy.Strategy.CHEAPEST : policy.strategy()) {
                    case CHEAPEST -> price.thenComparing(latency);
                    case FASTEST -> latency.thenComparing(price);
                    case MOST_RELIABLE -> reliability.thenComparing(latency).thenComparing(price);
                };
        return first.thenComparing(strategy).thenComparing(ModelRoute::name);
    }

    private static @Nullable BigDecimal lower(@Nullable BigDecimal a, @Nullable BigDecimal b) {
        return a == null ? b : b == null ? a : a.min(b);
    }

    private boolean healthy(ModelRoute m) {
        return guards.state(m.provider().id()) != CircuitBreaker.State.OPEN
                && stats.of(m.id()).successRate() >= 0.5;
    }
}
