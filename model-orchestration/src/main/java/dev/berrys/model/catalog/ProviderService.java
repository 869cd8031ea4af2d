package dev.berrys.model.catalog;

import dev.berrys.starter.web.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Providers of the caller's tenant: create, change, delete; the API key is written, never read. */
@Service
public class ProviderService {
    private final Providers providers;
    private final ApiKeyCipher cipher;
    private final Catalog catalog;

    ProviderService(Providers providers, ApiKeyCipher cipher, Catalog catalog) {
        this.providers = providers;
        this.cipher = cipher;
        this.catalog = catalog;
    }

    /**
     * A provider as written. {@code apiKey}: null keeps the stored key (on create: none), empty removes it.
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
            ProviderSettings settings,
            Instant createdAt,
            Instant updatedAt) {}

    @Transactional(readOnly = true)
    public Page<View> list(String tenant, Pageable page) {
        catalog.forTenant(tenant);
        return providers.findByTenant(tenant, page).map(ProviderService::view);
    }

    @Transactional(readOnly = true)
    public View get(String tenant, UUID id) {
        return view(find(tenant, id));
    }

    @Transactional
    public View create(String tenant, Command command) {
        String baseUrl = baseUrl(command.type(), command.baseUrl());
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
        String baseUrl = baseUrl(command.type(), command.baseUrl());
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
        }
        providers.saveAndFlush(p);
        catalog.invalidate(tenant);
        return view(p);
    }

    @Transactional
    public void delete(String tenant, UUID id) {
        providers.delete(find(tenant, id));
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
                p.settings(),
                p.createdAt(),
                p.updatedAt());
    }
}
