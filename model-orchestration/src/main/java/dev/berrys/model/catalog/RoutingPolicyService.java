package dev.berrys.model.catalog;

import dev.berrys.starter.web.ProblemException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** The routing policies of the caller's tenant; a change applies to the next call at once. */
@Service
public class RoutingPolicyService {
    private final RoutingPolicies policies;
    private final Catalog catalog;
    private final TransactionTemplate tx;

    RoutingPolicyService(RoutingPolicies policies, Catalog catalog, TransactionTemplate tx) {
        this.policies = policies;
        this.catalog = catalog;
        this.tx = tx;
    }

    public record Command(
            String taskType,
            @Nullable List<String> preferredModels,
            @Nullable List<String> capabilities,
            @Nullable BigDecimal maxOutputPricePerMillion,
            RoutingPolicy.@Nullable Strategy strategy) {}

    @Transactional(readOnly = true)
    public List<RoutingPolicy> list(String tenant) {
        return policies.findByTenant(tenant);
    }

    @Transactional(readOnly = true)
    public RoutingPolicy get(String tenant, UUID id) {
        return find(tenant, id);
    }

    /**
     * The catalog the preferred models are checked against is read (a new tenant seeded, on a connection of
     * its own) before the transaction begins, never while it holds a connection.
     */
    public RoutingPolicy create(String tenant, Command c) {
        Catalog.Snapshot snapshot = catalog.forTenant(tenant);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return tx.execute(status -> save(tenant, snapshot, UUID.randomUUID(), c, now, now));
    }

    public RoutingPolicy update(String tenant, UUID id, Command c) {
        Catalog.Snapshot snapshot = catalog.forTenant(tenant);
        return tx.execute(status -> {
            RoutingPolicy current = find(tenant, id);
            return save(
                    tenant, snapshot, id, c, current.createdAt(), Instant.now().truncatedTo(ChronoUnit.MICROS));
        });
    }

    @Transactional
    public void delete(String tenant, UUID id) {
        if (!policies.delete(tenant, id)) {
            throw notFound(id);
        }
        catalog.invalidate(tenant);
    }

    private RoutingPolicy save(
            String tenant, Catalog.Snapshot snapshot, UUID id, Command c, Instant created, Instant updated) {
        List<String> preferred = c.preferredModels() == null ? List.of() : c.preferredModels();
        for (int i = 0; i < preferred.size(); i++) {
            String name = preferred.get(i);
            if (name == null || snapshot.model(name).isEmpty()) {
                throw new ProblemException.BadRequest(
                        "preferredModels[" + i + "]",
                        "Field 'preferredModels[" + i + "]' names no model of yours (GET /api/models lists them).");
            }
        }
        List<Capability> caps = c.capabilities() == null ? List.of() : Capability.parse(c.capabilities());
        if (policies.taskTypeTaken(tenant, c.taskType(), id)) {
            throw new ProblemException.Conflict(
                    "routing-policy-exists", "A routing policy for task type '" + c.taskType() + "' exists.");
        }
        RoutingPolicy policy = policies.save(
                tenant,
                new RoutingPolicy(
                        id,
                        c.taskType(),
                        List.copyOf(new LinkedHashSet<>(preferred)),
                        new LinkedHashSet<>(caps),
                        c.maxOutputPricePerMillion(),
                        c.strategy() == null ? RoutingPolicy.Strategy.CHEAPEST : c.strategy(),
                        created,
                        updated));
        catalog.invalidate(tenant);
        return policy;
    }

    private RoutingPolicy find(String tenant, UUID id) {
        return policies.find(tenant, id).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException.NotFound("routing policy", id);
    }
}
