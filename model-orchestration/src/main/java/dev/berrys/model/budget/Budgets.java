package dev.berrys.model.budget;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The budget table, with atomic updates: spending adds in SQL, a warning or refusal is claimed once by an update. */
@Repository
class Budgets {
    private static final String COLUMNS = "project_id, budget_usd, budget_tokens, spent_usd, spent_tokens, warned";
    private final JdbcTemplate jdbc;

    Budgets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Budget> find(String tenant, UUID projectId) {
        List<Budget> found = jdbc.query(
                "select " + COLUMNS + " from budget where tenant = ? and project_id = ?",
                Budgets::map,
                tenant,
                projectId);
        return found.stream().findFirst();
    }

    /** Sets the limits; a warning may be given again and a refusal published again under the new limits. */
    Budget set(String tenant, UUID projectId, @Nullable BigDecimal usd, @Nullable Long tokens) {
        return jdbc.queryForObject("""
                insert into budget (tenant, project_id, budget_usd, budget_tokens, updated_at)
                values (?, ?, ?, ?, now())
                on conflict (tenant, project_id) do update
                set budget_usd = excluded.budget_usd, budget_tokens = excluded.budget_tokens,
                    warned = false, exceeded_at = null, updated_at = now()
                returning """ + " " + COLUMNS, Budgets::map, tenant, projectId, usd, tokens);
    }

    /** Sets limits only where none are set yet (a project event arriving after a PUT does not undo it). */
    void setIfAbsent(String tenant, UUID projectId, @Nullable BigDecimal usd, @Nullable Long tokens) {
        jdbc.update("""
                insert into budget (tenant, project_id, budget_usd, budget_tokens, updated_at)
                values (?, ?, ?, ?, now())
                on conflict (tenant, project_id) do update
                set budget_usd = coalesce(budget.budget_usd, excluded.budget_usd),
                    budget_tokens = coalesce(budget.budget_tokens, excluded.budget_tokens), updated_at = now()
                """, tenant, projectId, usd, tokens);
    }

    Budget spend(String tenant, UUID projectId, BigDecimal usd, long tokens) {
        return jdbc.queryForObject("""
                insert into budget (tenant, project_id, spent_usd, spent_tokens, updated_at)
                values (?, ?, ?, ?, now())
                on conflict (tenant, project_id) do update
                set spent_usd = budget.spent_usd + excluded.spent_usd,
                    spent_tokens = budget.spent_tokens + excluded.spent_tokens, updated_at = now()
                returning """ + " " + COLUMNS, Budgets::map, tenant, projectId, usd, tokens);
    }

    boolean claimWarning(String tenant, UUID projectId) {
        return jdbc.update(
                        "update budget set warned = true where tenant = ? and project_id = ? and not warned",
                        tenant,
                        projectId)
                == 1;
    }

    /** True at most once per 10 seconds per project, so that parallel refused calls publish one event. */
    boolean claimExceeded(String tenant, UUID projectId) {
        return jdbc.update("""
                        update budget set exceeded_at = now() where tenant = ? and project_id = ?
                        and (exceeded_at is null or exceeded_at < now() - interval '10 seconds')
                        """, tenant, projectId) == 1;
    }

    private static Budget map(ResultSet rs, int row) throws SQLException {
        long tokens = rs.getLong("budget_tokens");
        Long budgetTokens = rs.wasNull() ? null : tokens;
        return new Budget(
                rs.getObject("project_id", UUID.class),
                rs.getBigDecimal("budget_usd"),
                budgetTokens,
                rs.getBigDecimal("spent_usd"),
                rs.getLong("spent_tokens"),
                rs.getBoolean("warned"));
    }
}
