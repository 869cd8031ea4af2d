package dev.berrys.model.budget;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Spending per API key ({@code api_key_budget}) and the holds of its running calls ({@code api_key_reservation}). */
@Repository
public class ApiKeyBudgets {
    private final JdbcTemplate jdbc;

    ApiKeyBudgets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A key's limit (as its latest token said), what it spent and what its running calls hold. */
    public record KeySpend(
            String clientId,
            BigDecimal budgetUsd,
            BigDecimal spentUsd,
            long spentTokens,
            BigDecimal reservedUsd,
            long calls,
            Instant updatedAt) {}

    /**
     * Holds {@code usd} of the key's budget {@code limit} for a call where the limit covers it besides what is
     * spent and held; one conditional upsert, so concurrent calls (on any replica) are counted one after the
     * other. False, and nothing held, where it does not fit.
     */
    boolean reserve(String tenant, String clientId, BigDecimal limit, UUID callId, BigDecimal usd, Duration hold) {
        jdbc.update("""
                insert into api_key_budget (tenant, client_id, budget_usd) values (?, ?, ?)
                on conflict (tenant, client_id) do update set budget_usd = excluded.budget_usd
                """, tenant, clientId, limit);
        int updated = jdbc.update("""
                update api_key_budget set reserved_usd = reserved_usd + ?, updated_at = now()
                where tenant = ? and client_id = ? and spent_usd + reserved_usd + ? <= budget_usd
                """, usd, tenant, clientId, usd);
        if (updated == 0) {
            return false;
        }
        jdbc.update("""
                insert into api_key_reservation (call_id, tenant, client_id, usd, expires_at)
                values (?, ?, ?, ?, now() + ?::interval)
                """, callId, tenant, clientId, usd, hold.toSeconds() + " seconds");
        return true;
    }

    /** Gives a call's hold back and adds what it spent (zero for a call that got no answer); nothing without a hold. */
    void settle(UUID callId, BigDecimal usd, long tokens) {
        jdbc.update("""
                with r as (delete from api_key_reservation where call_id = ? returning tenant, client_id, usd)
                update api_key_budget k set reserved_usd = greatest(0, k.reserved_usd - r.usd),
                    spent_usd = k.spent_usd + ?, spent_tokens = k.spent_tokens + ?, calls = k.calls + 1,
                    updated_at = now()
                from r where k.tenant = r.tenant and k.client_id = r.client_id
                """, callId, usd, tokens);
    }

    /** Gives back holds whose calls were never recorded (their instance stopped). */
    int releaseExpired() {
        return jdbc.update("""
                with r as (delete from api_key_reservation where expires_at < now() returning tenant, client_id, usd),
                s as (select tenant, client_id, sum(usd) as usd from r group by tenant, client_id)
                update api_key_budget k set reserved_usd = greatest(0, k.reserved_usd - s.usd)
                from s where k.tenant = s.tenant and k.client_id = s.client_id
                """);
    }

    public Optional<KeySpend> find(String tenant, String clientId) {
        return jdbc
                .query(
                        "select * from api_key_budget where tenant = ? and client_id = ?",
                        ApiKeyBudgets::map,
                        tenant,
                        clientId)
                .stream()
                .findFirst();
    }

    private static KeySpend map(ResultSet rs, int row) throws SQLException {
        return new KeySpend(
                rs.getString("client_id"),
                rs.getBigDecimal("budget_usd"),
                rs.getBigDecimal("spent_usd"),
                rs.getLong("spent_tokens"),
                rs.getBigDecimal("reserved_usd"),
                rs.getLong("calls"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
