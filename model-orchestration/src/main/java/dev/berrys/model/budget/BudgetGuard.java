package dev.berrys.model.budget;

import dev.berrys.contracts.events.ModelEvents;
import dev.berrys.model.ModelProperties;
import dev.berrys.starter.events.EventPublisher;
import dev.berrys.starter.web.ProblemException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps calls within their project's budget: holds each call's estimated input against it while the call
 * runs, refuses a call that would pass a limit together with what is spent and held (402,
 * {@code budget.exceeded}), adds what a call spent and warns once at the warning ratio
 * ({@code budget.warning}). A call made with an API key that has a budget ({@code budgetUsd} in its token) is
 * held against the key's budget first ({@link ApiKeyBudgets}); past it the call is refused with 402, scope
 * {@code api-key}.
 */
@Component
public class BudgetGuard {
    /** Longer than any call can run (a stream is cut after an hour). */
    static final Duration HOLD = Duration.ofMinutes(65);

    private static final Logger log = LoggerFactory.getLogger(BudgetGuard.class);
    private final Budgets budgets;
    private final ApiKeyBudgets keys;
    private final EventPublisher events;
    private final TransactionTemplate tx;
    private final double warningRatio;

    BudgetGuard(
            Budgets budgets, ApiKeyBudgets keys, EventPublisher events, TransactionTemplate tx, ModelProperties props) {
        this.budgets = budgets;
        this.keys = keys;
        this.events = events;
        this.tx = tx;
        this.warningRatio = props.routing().warningRatio();
    }

    /**
     * Holds a call's estimated spending against the tenant's own budget and its project's (where it names
     * one) until the call is recorded ({@link #release}), or refuses the call where the spending, what calls
     * running now hold and the estimate would pass either; a project's refusal publishes
     * {@code budget.exceeded} (committed even though the call fails). Where neither has limits nothing is held.
     */
    public void reserve(
            String tenant, @Nullable UUID projectId, UUID callId, long estimatedTokens, BigDecimal estimatedUsd) {
        ApiKeyCaller key = ApiKeyCaller.current();
        if (key != null) {
            Boolean held = tx.execute(
                    status -> keys.reserve(tenant, key.clientId(), key.budgetUsd(), callId, estimatedUsd, HOLD));
            if (!Boolean.TRUE.equals(held)) {
                refuseForKey(tenant, key, estimatedTokens, estimatedUsd);
            }
        }
        try {
            reserveBudgets(tenant, projectId, callId, estimatedTokens, estimatedUsd);
        } catch (RuntimeException refused) {
            if (key != null) {
                tx.executeWithoutResult(status -> keys.settle(callId, BigDecimal.ZERO, 0));
            }
            throw refused;
        }
    }

    private void refuseForKey(String tenant, ApiKeyCaller key, long estimatedTokens, BigDecimal estimatedUsd) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("scope", "api-key");
        properties.put("clientId", key.clientId());
        properties.put("budgetUsd", key.budgetUsd());
        keys.find(tenant, key.clientId()).ifPresent(k -> {
            properties.put("spentUsd", k.spentUsd());
            properties.put("reservedUsd", k.reservedUsd());
        });
        properties.put("estimatedTokens", estimatedTokens);
        properties.put("estimatedUsd", estimatedUsd);
        throw new ProblemException(
                HttpStatus.PAYMENT_REQUIRED,
                "budget-exceeded",
                "This API key's budget does not cover this call; an admin may give the key a larger budget.",
                properties);
    }

    private void reserveBudgets(
            String tenant, @Nullable UUID projectId, UUID callId, long estimatedTokens, BigDecimal estimatedUsd) {
        Budget tenantBudget = budgets.find(tenant, Budget.TENANT_SCOPE)
                .filter(Budget::limited)
                .orElse(null);
        Budget budget = projectId == null
                ? null
                : budgets.find(tenant, projectId).filter(Budget::limited).orElse(null);
        if (tenantBudget == null && budget == null) {
            return;
        }
        UUID refusedBy = tx.execute(status -> {
            if (tenantBudget != null
                    && !budgets.reserve(tenant, Budget.TENANT_SCOPE, callId, estimatedUsd, estimatedTokens, HOLD)) {
                return Budget.TENANT_SCOPE;
            }
            // a project budget is looked up only for a project: projectId is set wherever budget is
            if (budget != null
                    && projectId != null
                    && !budgets.reserve(tenant, projectId, callId, estimatedUsd, estimatedTokens, HOLD)) {
                status.setRollbackOnly(); // gives the tenant's hold back too
                return projectId;
            }
            return null;
        });
        if (Budget.TENANT_SCOPE.equals(refusedBy)) {
            // refused for the tenant: it has a budget
            refuseForTenant(
                    Objects.requireNonNull(
                            budgets.find(tenant, Budget.TENANT_SCOPE).orElse(tenantBudget)),
                    estimatedTokens);
        }
        if (refusedBy != null && budget != null && projectId != null) {
            refuse(tenant, projectId, budgets.find(tenant, projectId).orElse(budget), estimatedTokens);
        }
    }

    private void refuseForTenant(Budget budget, long estimatedTokens) {
        Map<String, Object> properties = limits(budget, estimatedTokens);
        properties.put("scope", "tenant");
        throw new ProblemException(
                HttpStatus.PAYMENT_REQUIRED,
                "budget-exceeded",
                "The tenant's budget does not cover this call; an admin may raise it with PUT /api/budgets/tenant.",
                properties);
    }

    /** Gives a call's reservation back; runs inside the transaction that records the call. */
    public void release(UUID callId) {
        budgets.release(callId);
    }

    /**
     * Gives the call's hold on its API key's budget back and adds what it spent (zero where it got no answer);
     * runs inside the transaction that records the call. Nothing for a call not made with a budgeted key.
     */
    public void settleApiKey(UUID callId, BigDecimal usd, long tokens) {
        keys.settle(callId, usd, tokens);
    }

    /** Reservations of calls that were never recorded (their instance stopped) go back after {@link #HOLD}. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT10S")
    void releaseExpired() {
        int released = budgets.releaseExpired() + keys.releaseExpired();
        if (released > 0) {
            log.info("released the expired budget reservations of {} projects", released);
        }
    }

    private void refuse(String tenant, UUID projectId, Budget budget, long estimatedTokens) {
        tx.executeWithoutResult(status -> {
            if (budgets.claimExceeded(tenant, projectId)) {
                events.publish(
                        projectId,
                        new ModelEvents.BudgetExceeded(
                                projectId,
                                budget.spentUsd(),
                                budget.budgetUsd(),
                                budget.spentTokens(),
                                budget.budgetTokens()),
                        tenant);
            }
        });
        Map<String, Object> properties = limits(budget, estimatedTokens);
        properties.put("projectId", projectId.toString());
        throw new ProblemException(
                HttpStatus.PAYMENT_REQUIRED,
                "budget-exceeded",
                "The project's budget does not cover this call; raise it with PUT /api/budgets/" + projectId + ".",
                properties);
    }

    private static Map<String, Object> limits(Budget budget, long estimatedTokens) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spentUsd", budget.spentUsd());
        properties.put("spentTokens", budget.spentTokens());
        properties.put("reservedUsd", budget.reservedUsd());
        properties.put("reservedTokens", budget.reservedTokens());
        properties.put("estimatedTokens", estimatedTokens);
        if (budget.budgetUsd() != null) {
            properties.put("budgetUsd", budget.budgetUsd());
        }
        if (budget.budgetTokens() != null) {
            properties.put("budgetTokens", budget.budgetTokens());
        }
        return properties;
    }

    /** Adds a call's spending to its tenant and project; runs inside the transaction that records the call. */
    public void spend(String tenant, @Nullable UUID projectId, BigDecimal usd, long tokens) {
        budgets.spendTenant(tenant, usd, tokens);
        if (projectId == null) {
            return;
        }
        Budget budget = budgets.spend(tenant, projectId, usd, tokens);
        if (!budget.warned()
                && budget.limited()
                && budget.reached(warningRatio)
                && budgets.claimWarning(tenant, projectId)) {
            events.publish(
                    projectId,
                    new ModelEvents.BudgetWarning(
                            projectId,
                            budget.spentUsd(),
                            budget.budgetUsd(),
                            budget.spentTokens(),
                            budget.budgetTokens()),
                    tenant);
        }
    }
}
