package dev.berrys.model.budget;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The budget table, with atomic updates: spending adds in SQL, a warning or refusal is claimed once by an update. */
@Repository
class Budgets {
    private static final String COLUMNS =
            "project_id, budget_usd, budget_tokens, spent_usd, spent_tokens, reserved_usd, reserved_tokens, warned, set_by_role";
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

    /** The budget, its row locked until the transaction ends (a check before a change). */
    Optional<Budget> findForUpdate(String tenant, UUID projectId) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from budget where tenant = ? and project_id = ? for update",
                        Budgets::map,
                        tenant,
                        projectId)
                .stream()
                .findFirst();
    }

    /**
     * Sets the limits; a warning may be given again and a refusal published again under the new limits.
     * {@code role}: who set them (null keeps the one recorded).
     */
    Budget set(String tenant, UUID projectId, @Nullable BigDecimal usd, @Nullable Long tokens, @Nullable String role) {
        return jdbc.queryForObject("""
                insert into budget (tenant, project_id, budget_usd, budget_tokens, set_by_role, updated_at)
                values (?, ?, ?, ?, ?, now())
                on conflict (tenant, project_id) do update
                set budget_usd = excluded.budget_usd, budget_tokens = excluded.budget_tokens,
                    set_by_role = coalesce(excluded.set_by_role, budget.set_by_role),
                    warned = false, exceeded_at = null, updated_at = now()
                returning """ + " " + COLUMNS, Budgets::map, tenant, projectId, usd, tokens, role);
    }

    /** Adds a call's spending to the tenant's own budget, where the tenant has one. */
    void spendTenant(String tenant, BigDecimal usd, long tokens) {
        jdbc.update("""
                update budget set spent_usd = spent_usd + ?, spent_tokens = spent_tokens + ?, updated_at = now()
                where tenant = ? and project_id = ?
                """, usd, tokens, tenant, Budget.TENANT_SCOPE);
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

    /**
     * Holds {@code usd} and {@code tokens} of the project's budget for a call, where the limits still cover
     * them besides what is spent and reserved; one conditional update, so concurrent calls (on any replica)
     * are counted one after the other. False, and nothing held, where they do not fit.
     */
    boolean reserve(String tenant, UUID projectId, UUID callId, BigDecimal usd, long tokens, Duration hold) {
        int updated = jdbc.update("""
                update budget set reserved_usd = reserved_usd + ?, reserved_tokens = reserved_tokens + ?
                where tenant = ? and project_id = ?
                  and (budget_usd is null or spent_usd + reserved_usd + ? <= budget_usd)
                  and (budget_tokens is null or spent_tokens + reserved_tokens + ? <= budget_tokens)
                """, usd, tokens, tenant, projectId, usd, tokens);
        if (updated == 0) {
            return false;
        }
        jdbc.update("""
                insert into budget_reservation (call_id, tenant, project_id, usd, tokens, expires_at)
                values (?, ?, ?, ?, ?, now() + ?::interval)
                """, callId, tenant, projectId, usd, tokens, hold.toSeconds() + " seconds");
        return true;
    }

    /** Gives a call's reservation back (nothing where it has none). */
    void release(UUID callId) {
        jdbc.update("""
                with r as (delete from budget_reservation where call_id = ? returning tenant, project_id, usd, tokens)
                update budget b set reserved_usd = greatest(0, b.reserved_usd - r.usd),
                    reserved_tokens = greatest(0, b.reserved_tokens - r.tokens)
                from r where b.tenant = r.tenant and b.project_id = r.project_id
                """, callId);
    }

    /** Gives back reservations whose calls were never recorded (their instance stopped); how many budgets. */
    int releaseExpired() {
        return jdbc.update("""
                with r as (delete from budget_reservation where expires_at < now()
                           returning tenant, project_id, usd, tokens),
                s as (select tenant, project_id, sum(usd) as usd, sum(tokens) as tokens from r
                      group by tenant, project_id)
                update budget b set reserved_usd = greatest(0, b.reserved_usd - s.usd),
                    reserved_tokens = greatest(0, b.reserved_tokens - s.tokens)
                from s where b.tenant = s.tenant and b.project_id = s.project_id
                """);
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
                rs.getBigDecimal("reserved_usd"),
                rs.getLong("reserved_tokens"),
                rs.getBoolean("warned"),
                rs.getString("set_by_role"));
    }
}
