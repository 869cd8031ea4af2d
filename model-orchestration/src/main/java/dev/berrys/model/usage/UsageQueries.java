package dev.berrys.model.usage;

import dev.berrys.model.routing.Attempt;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the recorded calls: totals grouped by model, agent or task, and the calls themselves. */
@Component
public class UsageQueries {
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    UsageQueries(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Totals of one group ({@code key}: the model name, agent id or task id; null where unknown). */
    public record Totals(
            @Nullable String key, long calls, long failed, long inputTokens, long outputTokens, BigDecimal costUsd) {}

    public record CallView(
            UUID id,
            @Nullable UUID projectId,
            @Nullable UUID taskId,
            @Nullable UUID agentId,
            @Nullable String purpose,
            String requestedModel,
            @Nullable String provider,
            @Nullable String model,
            long inputTokens,
            long outputTokens,
            BigDecimal costUsd,
            long latencyMs,
            CallOutcome outcome,
            boolean streamed,
            List<Attempt> attempts,
            Instant createdAt) {}

    public Totals total(String tenant, @Nullable UUID projectId) {
        return group(tenant, projectId, "null").stream()
                .findFirst()
                .orElse(new Totals(null, 0, 0, 0, 0, BigDecimal.ZERO));
    }

    /** @param column {@code model_name}, {@code agent_id} or {@code task_id} */
    public List<Totals> group(String tenant, @Nullable UUID projectId, String column) {
        if (!List.of("model_name", "agent_id", "task_id", "null").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        String where = projectId == null ? "tenant = ?" : "tenant = ? and project_id = ?";
        Object[] args = projectId == null ? new Object[] {tenant} : new Object[] {tenant, projectId};
        return jdbc.query(
                "select " + column + "::text as k, count(*) as calls,"
                        + " count(*) filter (where outcome <> 'SUCCEEDED') as failed,"
                        + " coalesce(sum(input_tokens), 0) as input_tokens, coalesce(sum(output_tokens), 0) as output_tokens,"
                        + " coalesce(sum(cost_usd), 0) as cost from model_call where " + where
                        + ("null".equals(column) ? "" : " group by " + column + " order by cost desc, calls desc"),
                UsageQueries::totals,
                args);
    }

    public List<CallView> calls(String tenant, @Nullable UUID projectId, int page, int size) {
        String where = projectId == null ? "tenant = ?" : "tenant = ? and project_id = ?";
        Object[] base = projectId == null ? new Object[] {tenant} : new Object[] {tenant, projectId};
        Object[] args = java.util.stream.Stream.concat(
                        java.util.Arrays.stream(base), java.util.stream.Stream.of(size, page * size))
                .toArray();
        return jdbc.query(
                "select * from model_call where " + where + " order by created_at desc limit ? offset ?",
                this::call,
                args);
    }

    public long count(String tenant, @Nullable UUID projectId) {
        Long count = projectId == null
                ? jdbc.queryForObject("select count(*) from model_call where tenant = ?", Long.class, tenant)
                : jdbc.queryForObject(
                        "select count(*) from model_call where tenant = ? and project_id = ?",
                        Long.class,
                        tenant,
                        projectId);
        return Objects.requireNonNull(count); // count(*) always answers one row
    }

    private static Totals totals(ResultSet rs, int row) throws SQLException {
        return new Totals(
                rs.getString("k"),
                rs.getLong("calls"),
                rs.getLong("failed"),
                rs.getLong("input_tokens"),
                rs.getLong("output_tokens"),
                rs.getBigDecimal("cost"));
    }

    private CallView call(ResultSet rs, int row) throws SQLException {
        return new CallView(
                rs.getObject("id", UUID.class),
                rs.getObject("project_id", UUID.class),
                rs.getObject("task_id", UUID.class),
                rs.getObject("agent_id", UUID.class),
                rs.getString("purpose"),
                rs.getString("requested_model"),
                rs.getString("provider_name"),
                rs.getString("model_name"),
                rs.getLong("input_tokens"),
                rs.getLong("output_tokens"),
                rs.getBigDecimal("cost_usd"),
                rs.getLong("latency_ms"),
                CallOutcome.valueOf(rs.getString("outcome")),
                rs.getBoolean("streamed"),
                json.readValue(rs.getString("attempts"), new TypeReference<List<Attempt>>() {}),
                rs.getTimestamp("created_at").toInstant());
    }
}
