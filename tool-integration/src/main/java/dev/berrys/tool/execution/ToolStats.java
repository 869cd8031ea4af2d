package dev.berrys.tool.execution;

import java.sql.Timestamp;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Per-tool evaluation from the execution records: calls, failures, failure rate and duration percentiles. */
@Component
public class ToolStats {
    private final JdbcTemplate jdbc;

    ToolStats(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Stats of(String tenant, String tool) {
        return jdbc.queryForObject(
                """
                select count(*) as calls,
                       count(*) filter (where status = 'FAILED') as failures,
                       percentile_cont(0.5) within group (order by duration_ms) as p50,
                       percentile_cont(0.95) within group (order by duration_ms) as p95,
                       avg(duration_ms) as mean,
                       max(started_at) as last_at
                  from tool_execution
                 where tenant = ? and tool = ?
                """,
                (rs, i) -> {
                    long calls = rs.getLong("calls");
                    long failures = rs.getLong("failures");
                    Timestamp last = rs.getTimestamp("last_at");
                    return new Stats(
                            tool,
                            calls,
                            failures,
                            calls == 0 ? 0.0 : (double) failures / calls,
                            calls == 0 ? null : Math.round(rs.getDouble("p50")),
                            calls == 0 ? null : Math.round(rs.getDouble("p95")),
                            calls == 0 ? null : Math.round(rs.getDouble("mean")),
                            last == null ? null : last.toInstant());
                },
                tenant,
                tool);
    }

    /** Durations in milliseconds; null before the first call. */
    public record Stats(
            String tool,
            long calls,
            long failures,
            double failureRate,
            @Nullable Long p50DurationMs,
            @Nullable Long p95DurationMs,
            @Nullable Long meanDurationMs,
            @Nullable Instant lastExecutedAt) {}
}
