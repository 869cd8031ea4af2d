package dev.berrys.model.budget.web;

import dev.berrys.model.budget.Budget;
import dev.berrys.model.budget.BudgetService;
import dev.berrys.starter.security.Tenants;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/budgets/{projectId}}: a project's budget in USD and tokens (null: no limit) and what it has
 * spent. Raising it lets refused calls through again. Only for the caller's own projects (404 otherwise), and
 * an operator cannot raise limits an admin set (403). {@code /api/budgets/tenant}: the tenant's own budget,
 * which every call through {@code /v1} counts against, with or without a project; an admin sets it.
 */
@RestController
@RequestMapping("/api/budgets")
class BudgetController {
    private final BudgetService budgets;

    BudgetController(BudgetService budgets) {
        this.budgets = budgets;
    }

    record BudgetRequest(
            @Nullable @DecimalMin(value = "0", message = "must be 0 or more")
            BigDecimal budgetUsd,

            @Nullable @Min(value = 0, message = "must be 0 or more")
            Long budgetTokens) {}

    @GetMapping("/tenant")
    Budget getTenant() {
        return budgets.get(Tenants.require(), Budget.TENANT_SCOPE);
    }

    @PutMapping("/tenant")
    @PreAuthorize("hasRole('ADMIN')")
    Budget setTenant(@Valid @RequestBody BudgetRequest request) {
        return budgets.setTenant(Tenants.require(), request.budgetUsd(), request.budgetTokens());
    }

    @GetMapping("/{projectId}")
    Budget get(@PathVariable UUID projectId) {
        return budgets.get(Tenants.require(), projectId);
    }

    @PutMapping("/{projectId}")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    Budget set(
            @PathVariable UUID projectId,
            @Valid @RequestBody BudgetRequest request,
            @AuthenticationPrincipal Jwt token,
            Authentication caller) {
        boolean admin = caller.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        return budgets.set(
                new BudgetService.Caller(Tenants.require(), token.getTokenValue(), admin),
                projectId,
                request.budgetUsd(),
                request.budgetTokens());
    }
}
