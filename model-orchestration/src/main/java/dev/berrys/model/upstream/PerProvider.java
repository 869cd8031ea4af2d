package dev.berrys.model.upstream;

import dev.berrys.model.catalog.ProviderRuntime;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One SDK client per provider, built again (the old one closed) when the provider's base URL or key
 * changes through {@code /api/providers}. The key is held only to notice a change and is never printed.
 */
final class PerProvider<C> implements AutoCloseable {
    private record Built<C>(
            @Nullable String baseUrl, @Nullable String apiKey, C client) {
        boolean serves(ProviderRuntime provider) {
            return Objects.equals(baseUrl, provider.baseUrl()) && Objects.equals(apiKey, provider.apiKey());
        }

        @Override
        public String toString() {
            return "Built[" + baseUrl + "]";
        }
    }

    private final Map<UUID, Built<C>> clients = new ConcurrentHashMap<>();
    private final Function<ProviderRuntime, C> build;
    private final Consumer<C> close;

    PerProvider(Function<ProviderRuntime, C> build, Consumer<C> close) {
        this.build = build;
        this.close = close;
    }

    C of(ProviderRuntime provider) {
        return clients.compute(provider.id(), (id, current) -> {
                    if (current != null && current.serves(provider)) {
                        return current;
                    }
                    if (current != null) {
                        close.accept(current.client());
                    }
                    return new Built<>(provider.baseUrl(), provider.apiKey(), build.apply(provider));
                })
                .client();
    }

    @Override
    public void close() {
        clients.values().forEach(b -> close.accept(b.client()));
        clients.clear();
    }
}
