package dev.berrys.planning.plan;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What planning knows of a project's lifecycle, kept apart from its plans because a project can be
 * paused or cancelled before any plan runs. Project-level changes lock this row first, then plans.
 */
@Component
public class ProjectControls {
    private final JdbcTemplate jdbc;

    ProjectControls(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record State(boolean paused, boolean cancelled) {}

    /** Locks the project's row (creating it) until the transaction ends and returns its state. */
    public State lock(UUID projectId, String tenant) {
        jdbc.update(
                "insert into project_control (project_id, tenant, updated_at) values (?, ?, now())"
                        + " on conflict (project_id) do nothing",
                projectId,
                tenant);
        return jdbc.queryForObject(
                "select paused, cancelled from project_control where project_id = ? for update",
                (rs, i) -> new State(rs.getBoolean(1), rs.getBoolean(2)),
                projectId);
    }

    void paused(UUID projectId, boolean paused) {
        jdbc.update(
                "update project_control set paused = ?, updated_at = now() where project_id = ?", paused, projectId);
    }

    void cancelled(UUID projectId) {
        jdbc.update("update project_control set cancelled = true, updated_at = now() where project_id = ?", projectId);
    }
}
