package dev.berrys.model.catalog;

import dev.berrys.model.routing.Router;
import dev.berrys.starter.web.ProblemException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** The model catalog of the caller's tenant. */
@Service
public class ModelService {
    private final CatalogModels models;
    private final Providers providers;
    private final Catalog catalog;
    private final TransactionTemplate readOnly;

    ModelService(CatalogModels models, Providers providers, Catalog catalog, PlatformTransactionManager transactions) {
        this.models = models;
        this.providers = providers;
        this.catalog = catalog;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public record Command(
            UUID providerId,
            String name,
            @Nullable String upstreamName,
            @Nullable Integer contextWindow,
            @Nullable List<String> capabilities,
            @Nullable BigDecimal inputPricePerMillion,
            @Nullable BigDecimal outputPricePerMillion,
            @Nullable Boolean enabled) {}

    public record View(
            UUID id,
            UUID providerId,
            String providerName,
            String name,
            String upstreamName,
            int contextWindow,
            List<Capability> capabilities,
            BigDecimal inputPricePerMillion,
            BigDecimal outputPricePerMillion,
            boolean enabled,
            Instant createdAt,
            Instant updatedAt) {}

    /**
     * The catalog is read (and a tenant seen for the first time seeded, on a connection of its own) before
     * the transaction begins: a request holding a connection while it waits for a second one starves the
     * pool when as many do so at once.
     */
    public Page<View> list(String tenant, Pageable page) {
        catalog.forTenant(tenant);
        return readOnly.execute(status -> models.findByTenant(tenant, page).map(m -> view(tenant, m)));
    }

    @Transactional(readOnly = true)
    public View get(String tenant, UUID id) {
        return view(tenant, find(tenant, id));
    }

    @Transactional
    public View create(String tenant, Command command) {
        Provider provider = provider(tenant, command.providerId());
        checkName(command.name());
        if (models.existsByTenantAndName(tenant, command.name())) {
            throw new ProblemException.Conflict("model-exists", "A model named '" + command.name() + "' exists.");
        }
        CatalogModel m = new CatalogModel(tenant, provider.id(), command.name(), spec(command, null, provider));
        models.saveAndFlush(m);
        catalog.invalidate(tenant);
        return view(tenant, m);
    }

    @Transactional
    public View update(String tenant, UUID id, Command command) {
        CatalogModel m = find(tenant, id);
        Provider provider = provider(tenant, command.providerId());
        checkName(command.name());
        if (!m.name().equals(command.name())) {
            if (models.existsByTenantAndName(tenant, command.name())) {
                throw new ProblemException.Conflict("model-exists", "A model named '" + command.name() + "' exists.");
            }
            m.rename(command.name());
        }
        m.apply(provider.id(), spec(command, m, provider));
        models.saveAndFlush(m);
        catalog.invalidate(tenant);
        return view(tenant, m);
    }

    private static CatalogModel.Spec spec(Command c, @Nullable CatalogModel current, Provider provider) {
        List<Capability> caps = c.capabilities() != null
                ? Capability.parse(c.capabilities())
                : current != null ? current.capabilities() : List.of(Capability.CHAT);
        Capability.checkServed(caps, provider.type());
        if (provider.type() == ProviderType.SIMULATED) {
            free("inputPricePerMillion", c.inputPricePerMillion());
            free("outputPricePerMillion", c.outputPricePerMillion());
        }
        return new CatalogModel.Spec(
                c.upstreamName() != null && !c.upstreamName().isBlank()
                        ? c.upstreamName().strip()
                        : current != null ? current.upstreamName() : c.name(),
                c.contextWindow() != null ? c.contextWindow() : current != null ? current.contextWindow() : 8_192,
                caps,
                price(c.inputPricePerMillion(), current == null ? null : current.inputPricePerMillion()),
                price(c.outputPricePerMillion(), current == null ? null : current.outputPricePerMillion()),
                c.enabled() != null ? c.enabled() : current == null || current.enabled());
    }

    /** A simulated model costs nothing (no one is paid for its answers), so it has no price. */
    private static void free(String field, @Nullable BigDecimal price) {
        if (price != null && price.signum() != 0) {
            throw new ProblemException.BadRequest(
                    field,
                    "Field '" + field + "' must be 0 for a model of a SIMULATED provider: its calls cost nothing.");
        }
    }

    private static BigDecimal price(@Nullable BigDecimal given, @Nullable BigDecimal current) {
        return given != null ? given : current != null ? current : BigDecimal.ZERO;
    }

    private static void checkName(String name) {
        if (Router.AUTO.equalsIgnoreCase(name)) {
            throw new ProblemException.BadRequest(
                    "name", "Field 'name' may not be 'auto': it asks the router to choose.");
        }
    }

    private Provider provider(String tenant, UUID id) {
        return providers
                .findByIdAndTenant(id, tenant)
                .orElseThrow(() -> new ProblemException.BadRequest(
                        "providerId", "Field 'providerId' names no provider of yours."));
    }

    private CatalogModel find(String tenant, UUID id) {
        return models.findByIdAndTenant(id, tenant).orElseThrow(() -> new ProblemException.NotFound("model", id));
    }

    private View view(String tenant, CatalogModel m) {
        String providerName = providers
                .findByIdAndTenant(m.providerId(), tenant)
                .map(Provider::name)
                .orElse("");
        return new View(
                m.id(),
                m.providerId(),
                providerName,
                m.name(),
                m.upstreamName(),
                m.contextWindow(),
                m.capabilities(),
                m.inputPricePerMillion(),
                m.outputPricePerMillion(),
                m.enabled(),
                m.createdAt(),
                m.updatedAt());
    }
}
