package dev.berrys.model.catalog;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** A model of the catalog: the name callers use, the provider serving it and the name it has there. */
@Entity
@Table(name = "model")
class CatalogModel {
    @Id
    private UUID id;

    private String tenant;
    private UUID providerId;
    private String name;
    private String upstreamName;
    private int contextWindow;

    @Convert(converter = Capability.Column.class)
    private List<Capability> capabilities;

    private BigDecimal inputPricePerMillion;
    private BigDecimal outputPricePerMillion;
    private boolean enabled;
    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private long version;

    protected CatalogModel() {}

    CatalogModel(String tenant, UUID providerId, String name, Spec spec) {
        this.id = UUID.randomUUID();
        this.tenant = tenant;
        this.providerId = providerId;
        this.name = name;
        this.createdAt = Instant.now();
        set(providerId, spec);
    }

    /** The changeable part of a model. */
    record Spec(
            String upstreamName,
            int contextWindow,
            Collection<Capability> capabilities,
            BigDecimal inputPricePerMillion,
            BigDecimal outputPricePerMillion,
            boolean enabled) {}

    void apply(UUID providerId, Spec spec) {
        set(providerId, spec);
    }

    // private, so that NullAway sees the constructor set every field through it
    private void set(UUID providerId, Spec spec) {
        this.providerId = providerId;
        this.upstreamName = spec.upstreamName();
        this.contextWindow = spec.contextWindow();
        // sorted by name, each once, as the column has always held them
        this.capabilities = spec.capabilities().stream()
                .distinct()
                .sorted(Comparator.comparing(Capability::wire))
                .toList();
        this.inputPricePerMillion = spec.inputPricePerMillion();
        this.outputPricePerMillion = spec.outputPricePerMillion();
        this.enabled = spec.enabled();
        this.updatedAt = Instant.now();
    }

    void rename(String name) {
        this.name = name;
        this.updatedAt = Instant.now();
    }

    UUID id() {
        return id;
    }

    String tenant() {
        return tenant;
    }

    UUID providerId() {
        return providerId;
    }

    String name() {
        return name;
    }

    String upstreamName() {
        return upstreamName;
    }

    int contextWindow() {
        return contextWindow;
    }

    List<Capability> capabilities() {
        return capabilities;
    }

    BigDecimal inputPricePerMillion() {
        return inputPricePerMillion;
    }

    BigDecimal outputPricePerMillion() {
        return outputPricePerMillion;
    }

    boolean enabled() {
        return enabled;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
