package dev.berrys.model.budget;

import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.ModelEvents;
import dev.berrys.model.ModelProperties;
import dev.berrys.starter.events.EventPublisher;
import dev.berrys.starter.web.ProblemException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps calls within their project's budget: refuses a call whose estimated input would pass a limit
 * (402, {@code budget.exceeded}), adds what a call spent and warns once at the warning ratio
 * ({@code budget.warning}).
 */
@Component
public class BudgetGuard {
    private final Budgets budgets;
    private final EventPublisher events;
    private final TransactionTemplate tx;
    private final double warningRatio;

    BudgetGuard(Budgets budgets, EventPublisher events, TransactionTemplate tx, ModelProperties props) {
        this.budgets = budgets;
        this.events = events;
        this.tx = tx;
        this.warningRatio = props.routing().warningRatio();
    }

    /**
     * Refuses the call where the project's spending plus the estimate would pass its budget; the refusal
     * publishes {@code budget.exceeded} (committed even though the call fails).
     */
    public void check(String tenant, UUID projectId, long estimatedTokens, BigDecimal estimatedUsd) {
        Budget budget = budgets.find(tenant, projectId).orElse(null);
        if (budget == null || !budget.limited() || !budget.wouldExceed(estimatedUsd, estimatedTokens)) {
            return;
        }
        tx.executeWithoutResult(status -> {
            if (budgets.claimExceeded(tenant, projectId)) {
                events.publish(
                        EventTypes.BUDGET_EXCEEDED,
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
        Map<String, Object> properties = new HashMap<>();
        properties.put("projectId", projectId.toString());
        properties.put("spentUsd", budget.spentUsd());
        properties.put("spentTokens", budget.spentTokens());
        properties.put("estimatedTokens", estimatedTokens);
        if (budget.budgetUsd() != null) {
            properties.put("budgetUsd", budget.budgetUsd());
        }
        if (budget.budgetTokens() != null) {
            properties.put("budgetTokens", budget.budgetTokens());
        }
        throw new ProblemException(
                HttpStatus.PAYMENT_REQUIRED,
                "budget-exceeded",
                "The project's budget does not cover this call; raise it with PUT /api/budgets/" + projectId + ".",
                properties);
    }

    /** Adds a call's spending; runs inside the transaction that records the call. */
    public void spend(String tenant, UUID projectId, BigDecimal usd, long tokens) {
        Budget budget = budgets.spend(tenant, projectId, usd, tokens);
        if (!budget.warned()
                && budget.limited()
                && budget.reached(warningRatio)
                && budgets.claimWarning(tenant, projectId)) {
            events.publish(
                    EventTypes.BUDGET_WARNING,
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
