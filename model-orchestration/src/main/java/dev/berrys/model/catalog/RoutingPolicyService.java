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

/** The routing policies of the caller's tenant; a change applies to the next call at once. */
@Service
public class RoutingPolicyService {
    private final RoutingPolicies policies;
    private final Catalog catalog;

    RoutingPolicyService(RoutingPolicies policies, Catalog catalog) {
        this.policies = policies;
        this.catalog = catalog;
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

    @Transactional
    public RoutingPolicy create(String tenant, Command c) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return save(tenant, UUID.randomUUID(), c, now, now);
    }

    @Transactional
    public RoutingPolicy update(String tenant, UUID id, Command c) {
        RoutingPolicy current = find(tenant, id);
        return save(tenant, id, c, current.createdAt(), Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    @Transactional
    public void delete(String tenant, UUID id) {
        if (!policies.delete(tenant, id)) {
            throw notFound(id);
        }
        catalog.invalidate(tenant);
    }

    private RoutingPolicy save(String tenant, UUID id, Command c, Instant created, Instant updated) {
        List<String> preferred = c.preferredModels() == null ? List.of() : c.preferredModels();
        Catalog.Snapshot snapshot = catalog.forTenant(tenant);
        for (int i = 0; i < preferred.size(); i++) {
            String name = preferred.get(i);
            if (name == null || snapshot.model(name).isEmpty()) {
                throw new ProblemException.BadRequest(
                        "preferredModels[" + i + "]",
                        "Field 'preferredModels[" + i + "]' names no model of yours (GET /api/models lists them).");
            }
        }
        List<String> caps = c.capabilities() == null ? List.of() : c.capabilities();
        Capability.check(caps);
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
