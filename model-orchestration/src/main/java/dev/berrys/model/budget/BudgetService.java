package dev.berrys.model.budget;

import dev.berrys.contracts.security.Role;
import dev.berrys.starter.web.ProblemException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A project's budget, and the tenant's own, as the API sets and shows them. */
@Service
public class BudgetService {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BudgetService.class);
    private final Budgets budgets;
    private final ProjectDirectory projects;

    BudgetService(Budgets budgets, ProjectDirectory projects) {
        this.budgets = budgets;
        this.projects = projects;
    }

    /** Who sets a budget: their tenant, token (to ask whether the project is theirs) and whether an admin. */
    public record Caller(String tenant, String token, boolean admin) {}

    /**
     * Sets a project's limits: 404 unless the project is the caller's, 403 where an operator would raise limits
     * an admin set.
     */
    @Transactional
    public Budget set(Caller caller, UUID projectId, @Nullable BigDecimal usd, @Nullable Long tokens) {
        if (projectId.equals(Budget.TENANT_SCOPE) || !projects.visibleTo(caller.token(), projectId)) {
            throw new ProblemException.NotFound("project", projectId);
        }
        Budget current = budgets.findForUpdate(caller.tenant(), projectId).orElse(null);
        if (!caller.admin()
                && current != null
                && Role.ADMIN.name().equals(current.setByRole())
                && current.raisedBy(usd, tokens)) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN,
                    "budget-set-by-admin",
                    "An admin set this budget; only an admin may raise it.",
                    Map.of("projectId", projectId.toString()));
        }
        // an operator who lowers an admin's budget leaves it the admin's: raising it back stays an admin's call
        boolean adminsBudget =
                caller.admin() || (current != null && Role.ADMIN.name().equals(current.setByRole()));
        return budgets.set(
                caller.tenant(), projectId, usd, tokens, adminsBudget ? Role.ADMIN.name() : Role.OPERATOR.name());
    }

    /**
     * A project's budget as project-coordinator changed it. The same rule as {@link #set}: when an admin set the
     * current limits and {@code role} is not ADMIN (a missing role counts as not), a change that would raise
     * them is not applied (the admin's limits stay, and the refusal is logged); a lowering is applied and stays
     * the admin's.
     */
    @Transactional
    public void changed(
            String tenant, UUID projectId, @Nullable BigDecimal usd, @Nullable Long tokens, @Nullable String role) {
        Budget current = budgets.findForUpdate(tenant, projectId).orElse(null);
        boolean admin = Role.ADMIN.name().equals(role);
        boolean adminsBudget = current != null && Role.ADMIN.name().equals(current.setByRole());
        if (!admin && adminsBudget && current != null && current.raisedBy(usd, tokens)) {
            log.warn(
                    "budget of project {} (tenant {}) not raised: an admin set it and the change came from {}",
                    projectId,
                    tenant,
                    role == null ? "an unknown role" : role);
            return;
        }
        budgets.set(tenant, projectId, usd, tokens, admin || adminsBudget ? Role.ADMIN.name() : Role.OPERATOR.name());
    }

    /** Sets the tenant's own limits, which every call of the tenant counts against (from now on). */
    @Transactional
    public Budget setTenant(String tenant, @Nullable BigDecimal usd, @Nullable Long tokens) {
        return budgets.set(tenant, Budget.TENANT_SCOPE, usd, tokens, Role.ADMIN.name());
    }

    @Transactional(readOnly = true)
    public Budget get(String tenant, UUID projectId) {
        return budgets.find(tenant, projectId).orElseThrow(() -> new ProblemException.NotFound("budget", projectId));
    }

    @Transactional(readOnly = true)
    public @Nullable Budget find(String tenant, UUID projectId) {
        return budgets.find(tenant, projectId).orElse(null);
    }
}
