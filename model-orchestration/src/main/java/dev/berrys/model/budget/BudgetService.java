package dev.berrys.model.budget;

import dev.berrys.starter.web.ProblemException;
import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A project's budget as the API sets and shows it. */
@Service
public class BudgetService {
    private final Budgets budgets;

    BudgetService(Budgets budgets) {
        this.budgets = budgets;
    }

    @Transactional
    public Budget set(String tenant, UUID projectId, @Nullable BigDecimal usd, @Nullable Long tokens) {
        return budgets.set(tenant, projectId, usd, tokens);
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
