package dev.berrys.model.catalog;

import dev.berrys.starter.net.AddressFilter;
import dev.berrys.starter.net.RefusedAddressException;
import dev.berrys.starter.web.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Providers of the caller's tenant: create, change, delete; the API key is written, never read. A key goes
 * only where it was given for: changing a provider's {@code baseUrl} drops its stored key unless a new one
 * comes with the change, providers configured from the environment keep their address and key, and a
 * {@code baseUrl} must be public (or allow-listed at deploy time).
 */
@Service
public class ProviderService {
    private final Providers providers;
    private final ApiKeyCipher cipher;
    private final Catalog catalog;
    private final AddressFilter addresses;
    private final TransactionTemplate readOnly;

    ProviderService(
            Providers providers,
            ApiKeyCipher cipher,
            Catalog catalog,
            AddressFilter addresses,
            PlatformTransactionManager transactions) {
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.providers = providers;
        this.cipher = cipher;
        this.catalog = catalog;
        this.addresses = addresses;
    }

    /**
     * A provider as written. {@code apiKey}: null keeps the stored key (on create: none), empty removes it.
     * {@code baseUrl}: null keeps the current one on update (the type's default on create or a type change).
     */
    public record Command(
            String name,
            ProviderType type,
            @Nullable String baseUrl,
            @Nullable String apiKey,
            @Nullable Boolean enabled,
            @Nullable ProviderSettings settings) {}

    /** What is shown of a provider: never its key, only whether it has one. */
    public record View(
            UUID id,
            String name,
            ProviderType type,
            @Nullable String baseUrl,
            boolean enabled,
            boolean hasApiKey,
            String apiKeySource,
            boolean configured,
            ProviderSettings settings,
            Instant createdAt,
            Instant updatedAt) {}

    /** The catalog is read (a new tenant seeded) before the transaction, as in {@link ModelService#list}. */
    public Page<View> list(String tenant, Pageable page) {
        catalog.forTenant(tenant);
        return readOnly.execute(status -> providers.findByTenant(tenant, page).map(ProviderService::view));
    }

    @Transactional(readOnly = true)
    public View get(String tenant, UUID id) {
        return view(find(tenant, id));
    }

    @Transactional
    public View create(String tenant, Command command) {
        String baseUrl = reachable(baseUrl(command.type(), command.baseUrl()));
        if (providers.findByTenantAndName(tenant, command.name()).isPresent()) {
            throw new ProblemException.Conflict("provider-exists", "A provider named '" + command.name() + "' exists.");
        }
        Provider p = new Provider(
                tenant,
                command.name(),
                command.type(),
                baseUrl,
                command.enabled() == null || command.enabled(),
                command.settings() == null ? ProviderSettings.DEFAULTS : command.settings());
        if (command.apiKey() != null && !command.apiKey().isBlank()) {
            p.storeKey(cipher.encrypt(command.apiKey().strip()));
        }
        providers.saveAndFlush(p);
        catalog.invalidate(tenant);
        return view(p);
    }

    @Transactional
    public View update(String tenant, UUID id, Command command) {
        Provider p = find(tenant, id);
        if (p.configured()) {
            return updateConfigured(tenant, p, command);
        }
        // no baseUrl keeps the current one (unless the type changes), as no apiKey keeps the key
        boolean keep = (command.baseUrl() == null || command.baseUrl().isBlank()) && command.type() == p.type();
        String baseUrl = keep ? p.baseUrl() : baseUrl(command.type(), command.baseUrl());
        boolean moved = !Objects.equals(baseUrl, p.baseUrl());
        if (moved) {
            reachable(baseUrl);
        }
        if (!p.name().equals(command.name())) {
            if (providers.findByTenantAndName(tenant, command.name()).isPresent()) {
                throw new ProblemException.Conflict(
                        "provider-exists", "A provider named '" + command.name() + "' exists.");
            }
            p.rename(command.name());
        }
        p.change(
                command.type(),
                baseUrl,
                command.enabled() == null ? p.enabled() : command.enabled(),
                command.settings() == null ? p.settings() : command.settings());
        if (command.apiKey() != null) {
            if (command.apiKey().isBlank()) {
                p.clearKey();
            } else {
                p.storeKey(cipher.encrypt(command.apiKey().strip()));
            }
        } else if (moved) {
            // the key was given for the old address: it does not follow the provider elsewhere
            p.clearKey();
        }
        providers.saveAndFlush(p);
        catalog.invalidate(tenant);
        return view(p);
    }

    /** A provider from the environment: only {@code enabled} and {@code settings} are the tenant's to change. */
    private View updateConfigured(String tenant, Provider p, Command command) {
        boolean sameUrl = command.baseUrl() == null
                || command.baseUrl().isBlank()
                || Objects.equals(baseUrl(command.type(), command.baseUrl()), p.baseUrl());
        if (!p.name().equals(command.name()) || command.type() != p.type() || !sameUrl || command.apiKey() != null) {
            throw configured(p);
        }
        p.change(
                p.type(),
                p.baseUrl(),
                command.enabled() == null ? p.enabled() : command.enabled(),
                command.settings() == null ? p.settings() : command.settings());
        providers.saveAndFlush(p);
        catalog.invalidate(tenant);
        return view(p);
    }

    private static ProblemException configured(Provider p) {
        return new ProblemException.Conflict(
                "provider-configured",
                "The provider '" + p.name() + "' is configured by the deployment: its name, type, baseUrl and "
                        + "apiKey cannot be changed and it cannot be deleted (enabled and settings can change).");
    }

    /** {@code baseUrl} when its host is public or allow-listed (BERRYS_MODEL_PROVIDER_ALLOWLIST); else 400. */
    private @Nullable String reachable(@Nullable String baseUrl) {
        if (baseUrl == null) {
            return null;
        }
        try {
            addresses.check(URI.create(baseUrl));
        } catch (RefusedAddressException e) {
            throw new ProblemException.BadRequest("baseUrl", "Field 'baseUrl' is refused: " + e.getMessage());
        }
        return baseUrl;
    }

    @Transactional
    public void delete(String tenant, UUID id) {
        Provider p = find(tenant, id);
        if (p.configured()) {
            throw configured(p);
        }
        providers.delete(p);
        providers.flush();
        catalog.invalidate(tenant);
    }

    boolean exists(String tenant, UUID id) {
        return providers.findByIdAndTenant(id, tenant).isPresent();
    }

    private Provider find(String tenant, UUID id) {
        return providers.findByIdAndTenant(id, tenant).orElseThrow(() -> new ProblemException.NotFound("provider", id));
    }

    /** An http(s) URL with a host, or the type's default where none is given. */
    static @Nullable String baseUrl(ProviderType type, @Nullable String given) {
        if (given == null || given.isBlank()) {
            return switch (type) {
                case OPENAI_COMPATIBLE -> "https://api.openai.com/v1";
                case ANTHROPIC -> "https://api.anthropic.com";
                case OLLAMA -> "http://127.0.0.1:11434";
                case SIMULATED -> null;
            };
        }
        try {
            URI uri = new URI(given.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && uri.getUserInfo() == null) {
                String text = uri.toString();
                return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new ProblemException.BadRequest("baseUrl", "Field 'baseUrl' must be an http or https URL with a host.");
    }

    private static View view(Provider p) {
        return new View(
                p.id(),
                p.name(),
                p.type(),
                p.baseUrl(),
                p.enabled(),
                p.hasApiKey(),
                p.apiKeyEnv() != null ? "environment" : p.apiKeyCipher() != null ? "stored" : "none",
                p.configured(),
                p.settings(),
                p.createdAt(),
                p.updatedAt());
    }
}
