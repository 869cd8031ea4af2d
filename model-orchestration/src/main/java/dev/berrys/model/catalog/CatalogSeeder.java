package dev.berrys.model.catalog;

import dev.berrys.model.ModelProperties;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives every tenant the providers configured at start, the first time the tenant is seen (and the
 * {@code default} tenant at start): the {@code simulated} provider unless switched off, and one
 * provider per real provider whose variables are set. API keys from the environment stay there: the
 * row names the variable.
 */
@Component
class CatalogSeeder {
    static final String DEFAULT_TENANT = "default";
    private static final Logger log = LoggerFactory.getLogger(CatalogSeeder.class);
    private static final List<Capability> FULL =
            List.of(Capability.CHAT, Capability.TOOLS, Capability.JSON_SCHEMA, Capability.STREAMING);

    /** Known list prices (USD per million input / output tokens); others get a conservative default. */
    private static final Map<String, BigDecimal[]> PRICES = Map.of(
            "gpt-4o-mini", prices("0.15", "0.60"),
            "gpt-4o", prices("2.50", "10.00"),
            "gpt-4.1-mini", prices("0.40", "1.60"),
            "gpt-4.1", prices("2.00", "8.00"),
            "claude-haiku-4-5", prices("1.00", "5.00"),
            "claude-sonnet-4-5", prices("3.00", "15.00"));

    private final Providers providers;
    private final CatalogModels models;
    private final ModelProperties props;
    private final TransactionTemplate tx;
    private final Set<String> seeded = ConcurrentHashMap.newKeySet();

    CatalogSeeder(
            Providers providers, CatalogModels models, ModelProperties props, PlatformTransactionManager transactions) {
        this.providers = providers;
        this.models = models;
        this.props = props;
        // its own transaction, begun before any of the caller's (see ensureSeeded)
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        ensureSeeded(DEFAULT_TENANT);
    }

    /**
     * Called before the caller's transaction, never inside one: a request holding a connection while it
     * waits for a second starves the pool when as many requests as it has connections do so at once.
     */
    void ensureSeeded(String tenant) {
        if (seeded.contains(tenant)) {
            return;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a tenant's catalog is seeded before a transaction, not inside one");
        }
        try {
            tx.executeWithoutResult(status -> seed(tenant));
        } catch (DataIntegrityViolationException raced) {
            log.debug("another replica seeded tenant {} at the same time", tenant);
        }
        seeded.add(tenant);
    }

    private void seed(String tenant) {
        if (props.simulatedEnabled() && !providers.existsByTenantAndType(tenant, ProviderType.SIMULATED)) {
            Provider p = save(
                    new Provider(tenant, "simulated", ProviderType.SIMULATED, null, true, ProviderSettings.DEFAULTS));
            // free: no one is paid for a simulated answer
            model(tenant, p, "berrys-simulated", 128_000, prices("0", "0"), FULL);
            model(tenant, p, "berrys-simulated-mini", 32_000, prices("0", "0"), FULL);
            log.info("simulated provider configured for tenant {}", tenant);
        }
        var openai = props.openai();
        if (openai.hasKey() && providers.findByTenantAndName(tenant, "openai").isEmpty()) {
            Provider p = new Provider(
                    tenant,
                    "openai",
                    ProviderType.OPENAI_COMPATIBLE,
                    openai.baseUrl(),
                    true,
                    ProviderSettings.DEFAULTS);
            p.keyFromEnvironment("OPENAI_API_KEY");
            p.configuredAtStart();
            save(p);
            openai.models()
                    .forEach(m -> model(
                            tenant,
                            p,
                            m,
                            128_000,
                            PRICES.getOrDefault(m, prices("1", "4")),
                            List.of(
                                    Capability.CHAT,
                                    Capability.TOOLS,
                                    Capability.JSON_SCHEMA,
                                    Capability.STREAMING,
                                    Capability.VISION)));
            log.info("OpenAI-compatible provider configured from OPENAI_API_KEY for tenant {}", tenant);
        }
        var anthropic = props.anthropic();
        if (anthropic.hasKey()
                && providers.findByTenantAndName(tenant, "anthropic").isEmpty()) {
            Provider p = new Provider(
                    tenant, "anthropic", ProviderType.ANTHROPIC, anthropic.baseUrl(), true, ProviderSettings.DEFAULTS);
            p.keyFromEnvironment("ANTHROPIC_API_KEY");
            p.configuredAtStart();
            save(p);
            anthropic
                    .models()
                    .forEach(m -> model(
                            tenant,
                            p,
                            m,
                            200_000,
                            PRICES.getOrDefault(m, prices("3", "15")),
                            // no vision: the Anthropic adapter sends a message's text, not its images
                            FULL));
            log.info("Anthropic provider configured from ANTHROPIC_API_KEY for tenant {}", tenant);
        }
        var ollama = props.ollama();
        if (!ollama.baseUrl().isBlank()
                && providers.findByTenantAndName(tenant, "ollama").isEmpty()) {
            Provider configured = new Provider(
                    tenant, "ollama", ProviderType.OLLAMA, ollama.baseUrl(), true, ProviderSettings.DEFAULTS);
            configured.configuredAtStart();
            Provider p = save(configured);
            ollama.models().forEach(m -> model(tenant, p, m, 32_000, prices("0", "0"), FULL));
            log.info("Ollama provider configured from OLLAMA_BASE_URL for tenant {}", tenant);
        }
    }

    private Provider save(Provider p) {
        return providers.saveAndFlush(p);
    }

    private void model(String tenant, Provider p, String name, int context, BigDecimal[] price, List<Capability> caps) {
        String n = name.strip();
        if (n.isEmpty() || models.existsByTenantAndName(tenant, n)) {
            return;
        }
        models.saveAndFlush(
                new CatalogModel(tenant, p.id(), n, new CatalogModel.Spec(n, context, caps, price[0], price[1], true)));
    }

    private static BigDecimal[] prices(String in, String out) {
        return new BigDecimal[] {new BigDecimal(in), new BigDecimal(out)};
    }
}
