package dev.berrys.model.budget.web;

import dev.berrys.contracts.security.Role;
import dev.berrys.model.budget.ApiKeyBudgets;
import dev.berrys.model.budget.Budget;
import dev.berrys.model.budget.BudgetService;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.ProblemException;
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
 * {@code /api/budgets/api-keys/{clientId}}: what an API key with a budget has spent (ADMIN of its tenant).
 */
@RestController
@RequestMapping("/api/budgets")
class BudgetController {
    private final BudgetService budgets;
    private final ApiKeyBudgets keys;

    BudgetController(BudgetService budgets, ApiKeyBudgets keys) {
        this.budgets = budgets;
        this.keys = keys;
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

    /** What an API key of the caller's tenant has spent against its budget; 404 before its first budgeted call. */
    @GetMapping("/api-keys/{clientId}")
    @PreAuthorize("hasRole('ADMIN')")
    ApiKeyBudgets.KeySpend getApiKey(@PathVariable String clientId) {
        return keys.find(Tenants.require(), clientId)
                .orElseThrow(() -> new ProblemException.NotFound("api-key budget", clientId));
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
        boolean admin = caller.getAuthorities().stream()
                .anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
        return budgets.set(
                new BudgetService.Caller(Tenants.require(), token.getTokenValue(), admin),
                projectId,
                request.budgetUsd(),
                request.budgetTokens());
    }
}
