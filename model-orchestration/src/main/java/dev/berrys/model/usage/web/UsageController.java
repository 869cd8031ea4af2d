package dev.berrys.model.usage.web;

import dev.berrys.model.budget.Budget;
import dev.berrys.model.budget.BudgetService;
import dev.berrys.model.usage.UsageQueries;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/model-usage?projectId=}: totals and totals by model, agent and task (and the budget);
 * {@code GET /api/model-calls?projectId=}: the calls, newest first, each with the models tried.
 */
@RestController
class UsageController {
    private final UsageQueries usage;
    private final BudgetService budgets;

    UsageController(UsageQueries usage, BudgetService budgets) {
        this.usage = usage;
        this.budgets = budgets;
    }

    record Usage(
            @Nullable UUID projectId,
            long calls,
            long failedCalls,
            long inputTokens,
            long outputTokens,
            long totalTokens,
            BigDecimal costUsd,
            @Nullable Budget budget,
            List<UsageQueries.Totals> byModel,
            List<UsageQueries.Totals> byAgent,
            List<UsageQueries.Totals> byTask) {}

    @GetMapping("/api/model-usage")
    Usage usage(@RequestParam(required = false) @Nullable UUID projectId) {
        String tenant = Tenants.require();
        UsageQueries.Totals total = usage.total(tenant, projectId);
        return new Usage(
                projectId,
                total.calls(),
                total.failed(),
                total.inputTokens(),
                total.outputTokens(),
                total.inputTokens() + total.outputTokens(),
                total.costUsd(),
                projectId == null ? null : budgets.find(tenant, projectId),
                usage.group(tenant, projectId, "model_name"),
                usage.group(tenant, projectId, "agent_id"),
                usage.group(tenant, projectId, "task_id"));
    }

    @GetMapping("/api/model-calls")
    PageResponse<UsageQueries.CallView> calls(
            @RequestParam(required = false) @Nullable UUID projectId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        PageRequests.of(page, size, Sort.unsorted());
        String tenant = Tenants.require();
        long total = usage.count(tenant, projectId);
        return new PageResponse<>(
                usage.calls(tenant, projectId, page, size), page, size, total, (int) ((total + size - 1) / size));
    }
}
