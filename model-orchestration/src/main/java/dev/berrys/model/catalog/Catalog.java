package dev.berrys.model.catalog;

import dev.berrys.model.ModelProperties;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The routing view of a tenant's providers and models, read from the database and reused for a short
 * time ({@code berrys.model.routing.catalog-ttl}) so that a model call costs no catalog query; local
 * changes invalidate it at once.
 */
@Component
public class Catalog {
    private final Providers providers;
    private final CatalogModels models;
    private final ApiKeyCipher cipher;
    private final Environment environment;
    private final CatalogSeeder seeder;
    private final long ttlNanos;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    Catalog(
            Providers providers,
            CatalogModels models,
            ApiKeyCipher cipher,
            Environment environment,
            CatalogSeeder seeder,
            ModelProperties props) {
        this.providers = providers;
        this.models = models;
        this.cipher = cipher;
        this.environment = environment;
        this.seeder = seeder;
        this.ttlNanos = props.routing().catalogTtl().toNanos();
    }

    /** Every model of the tenant (enabled or not), by name. */
    public record Snapshot(Map<String, ModelRoute> byName, long loadedAt) {
        public Optional<ModelRoute> model(String name) {
            return Optional.ofNullable(byName.get(name));
        }

        public List<ModelRoute> usable() {
            return byName.values().stream().filter(ModelRoute::usable).toList();
        }
    }

    public Snapshot forTenant(String tenant) {
        Snapshot s = snapshots.get(tenant);
        if (s == null || System.nanoTime() - s.loadedAt() > ttlNanos) {
            seeder.ensureSeeded(tenant);
            s = load(tenant);
            snapshots.put(tenant, s);
        }
        return s;
    }

    void invalidate(String tenant) {
        snapshots.remove(tenant);
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
        return new Snapshot(Map.copyOf(byName), System.nanoTime());
    }

    private @Nullable String apiKey(Provider p) {
        if (p.apiKeyEnv() != null) {
            String value = environment.getProperty(p.apiKeyEnv());
            return value == null || value.isBlank() ? null : value;
        }
        return p.apiKeyCipher() == null ? null : cipher.decrypt(p.apiKeyCipher());
    }
}
