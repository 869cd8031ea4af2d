package dev.berrys.model.catalog.web;

import dev.berrys.model.catalog.RoutingPolicy;
import dev.berrys.model.catalog.RoutingPolicyService;
import dev.berrys.starter.security.Tenants;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/routing-policies}: per task type, how a call to model {@code auto} with that
 * {@code X-Berrys-Purpose} chooses its models. Only an ADMIN writes them (they steer the
 * tenant's model spending); every role reads them.
 */
@RestController
@RequestMapping("/api/routing-policies")
class RoutingPolicyController {
    private final RoutingPolicyService policies;

    RoutingPolicyController(RoutingPolicyService policies) {
        this.policies = policies;
    }

    record PolicyRequest(
            @NotBlank
            @Size(max = 64)
            @Pattern(regexp = "[a-z0-9][a-z0-9_.-]*", message = "may hold lower-case letters, digits and . _ -")
            String taskType,

            @Nullable @Size(max = 10) List<String> preferredModels,
            @Nullable @Size(max = 6) List<String> capabilities,

            @Nullable @DecimalMin(value = "0", message = "must be 0 or more")
            BigDecimal maxOutputPricePerMillion,

            @Nullable
            @Pattern(regexp = "CHEAPEST|FASTEST|MOST_RELIABLE", message = "must be CHEAPEST, FASTEST or MOST_RELIABLE")
            String strategy) {

        RoutingPolicyService.Command command() {
            return new RoutingPolicyService.Command(
                    taskType.strip(),
                    preferredModels,
                    capabilities,
                    maxOutputPricePerMillion,
                    strategy == null ? null : RoutingPolicy.Strategy.valueOf(strategy));
        }
    }

    @GetMapping
    List<RoutingPolicy> list() {
        return policies.list(Tenants.require());
    }

    @GetMapping("/{id}")
    RoutingPolicy get(@PathVariable UUID id) {
        return policies.get(Tenants.require(), id);
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<RoutingPolicy> create(@Valid @RequestBody PolicyRequest request) {
        var created = policies.create(Tenants.require(), request.command());
        return ResponseEntity.created(URI.create("/api/routing-policies/" + created.id()))
                .body(created);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    RoutingPolicy update(@PathVariable UUID id, @Valid @RequestBody PolicyRequest request) {
        return policies.update(Tenants.require(), id, request.command());
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        policies.delete(Tenants.require(), id);
        return ResponseEntity.noContent().build();
    }
}
