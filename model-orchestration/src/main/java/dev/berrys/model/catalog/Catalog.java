package dev.berrys.model.catalog;

import dev.berrys.model.ModelProperties;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The routing view of a tenant's providers and models, read from the database and reused for a short
 * time ({@code berrys.model.routing.catalog-ttl}) so that a model call costs no catalog query; local
 * changes invalidate it at once, changes made on another replica show within the time to live.
 */
@Component
public class Catalog {
    private static final Logger log = LoggerFactory.getLogger(Catalog.class);
    private final Providers providers;
    private final CatalogModels models;
    private final RoutingPolicies routingPolicies;
    private final ApiKeyCipher cipher;
    private final Environment environment;
    private final CatalogSeeder seeder;
    private final long ttlNanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** A tenant's snapshot; one caller loads it, one background refresh renews it. */
    private static final class Entry {
        volatile @Nullable Snapshot snapshot;
        /** Bumped by every local change, so that a refresh begun before it does not bring the old view back. */
        volatile long generation;

        final AtomicBoolean refreshing = new AtomicBoolean();
        final ReentrantLock loading = new ReentrantLock();
    }

    Catalog(
            Providers providers,
            CatalogModels models,
            RoutingPolicies routingPolicies,
            ApiKeyCipher cipher,
            Environment environment,
            CatalogSeeder seeder,
            ModelProperties props) {
        this.providers = providers;
        this.models = models;
        this.routingPolicies = routingPolicies;
        this.cipher = cipher;
        this.environment = environment;
        this.seeder = seeder;
        this.ttlNanos = props.routing().catalogTtl().toNanos();
    }

    /** Every model of the tenant (enabled or not), by name, and its routing policies by task type. */
    public record Snapshot(Map<String, ModelRoute> byName, Map<String, RoutingPolicy> policies, long loadedAt) {
        public Optional<ModelRoute> model(String name) {
            return Optional.ofNullable(byName.get(name));
        }

        public Optional<RoutingPolicy> policy(@Nullable String taskType) {
            return taskType == null ? Optional.empty() : Optional.ofNullable(policies.get(taskType));
        }

        public List<ModelRoute> usable() {
            return byName.values().stream().filter(ModelRoute::usable).toList();
        }

        /** Whether a model of a real (not simulated) provider can be used: the tenant has a real model. */
        public boolean hasRealModel() {
            return byName.values().stream()
                    .anyMatch(m -> m.usable() && !m.provider().simulated());
        }
    }

    /**
     * The tenant's snapshot. The first call loads it (others wait for that one load); past its time to
     * live, calls go on with it while one background load renews it, so a burst of calls never queues on
     * the database.
     */
    public Snapshot forTenant(String tenant) {
        Entry e = entries.computeIfAbsent(tenant, t -> new Entry());
        Snapshot s = e.snapshot;
        if (s == null) {
            return loadNow(tenant, e);
        }
        if (System.nanoTime() - s.loadedAt() > ttlNanos && e.refreshing.compareAndSet(false, true)) {
            long generation = e.generation;
            Thread.ofVirtual().name("catalog-refresh").start(() -> {
                try {
                    store(e, generation, load(tenant));
                } catch (RuntimeException failed) {
                    log.warn("catalog of tenant {} not renewed, the old view stays: {}", tenant, failed.toString());
                } finally {
                    e.refreshing.set(false);
                }
            });
        }
        return s;
    }

    void invalidate(String tenant) {
        Entry e = entries.get(tenant);
        if (e != null) {
            synchronized (e) {
                e.generation++;
                e.snapshot = null;
            }
        }
    }

    private Snapshot loadNow(String tenant, Entry e) {
        e.loading.lock();
        try {
            Snapshot s = e.snapshot;
            if (s != null) {
                return s;
            }
            long generation = e.generation;
            seeder.ensureSeeded(tenant);
            s = load(tenant);
            store(e, generation, s);
            return s;
        } finally {
            e.loading.unlock();
        }
    }

    private static void store(Entry e, long generation, Snapshot s) {
        synchronized (e) {
            if (e.generation == generation) {
                e.snapshot = s;
            }
        }
    }

    private Snapshot load(String tenant) {
        Map<java.util.UUID, ProviderRuntime> runtimes = new HashMap<>();
        for (Provider p : providers.findByTenant(tenant)) {
            runtimes.put(
                    p.id(),
                    new ProviderRuntime(p.id(), p.name(), p.type(), p.baseUrl(), apiKey(p), p.enabled(), p.settings()));
        }
        Map<String, ModelRoute> byName = new HashMap<>();
        for (CatalogModel m : models.findByTenant(tenant)) {
            ProviderRuntime provider = runtimes.get(m.providerId());
            if (provider != null) {
                byName.put(
                        m.name(),
                        new ModelRoute(
                                m.id(),
                                m.name(),
                                m.upstreamName(),
                                m.contextWindow(),
                                new LinkedHashSet<>(m.capabilities()),
                                m.inputPricePerMillion(),
                                m.outputPricePerMillion(),
                                m.enabled(),
                                provider));
            }
        }
        Map<String, RoutingPolicy> policies = new HashMap<>();
        for (RoutingPolicy p : routingPolicies.findByTenant(tenant)) {
            policies.put(p.taskType(), p);
        }
        return new Snapshot(Map.copyOf(byName), Map.copyOf(policies), System.nanoTime());
    }

    private @Nullable String apiKey(Provider p) {
        if (p.apiKeyEnv() != null) {
            String value = environment.getProperty(p.apiKeyEnv());
            return value == null || value.isBlank() ? null : value;
        }
        return p.apiKeyCipher() == null ? null : cipher.decrypt(p.apiKeyCipher());
    }
}
