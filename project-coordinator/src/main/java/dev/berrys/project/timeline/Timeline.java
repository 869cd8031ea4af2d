package dev.berrys.project.timeline;

import dev.berrys.starter.web.PageResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The stored events of each project: those this service publishes and those it consumes, kept in
 * {@code project_event} so that a client can read a project's history after the fact.
 */
@Component
public class Timeline {
    private final JdbcTemplate jdbc;

    Timeline(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records an event of a project of {@code tenant}; an event already recorded, or one about a project
     * this tenant does not have, leaves the timeline unchanged.
     */
    public void record(
            UUID eventId, String tenant, UUID projectId, String type, String stream, Instant time, String data) {
        jdbc.update("""
                insert into project_event (id, tenant, project_id, type, stream, occurred_at, data)
                select ?, ?, ?, ?, ?, ?, ?
                where exists (select 1 from project where id = ? and tenant = ?)
                on conflict (id) do nothing
                """, eventId, tenant, projectId, type, stream, Timestamp.from(time), data, projectId, tenant);
    }

    /** One page of a project's events, oldest first. */
    public PageResponse<TimelineEntry> page(String tenant, UUID projectId, int page, int size) {
        Long total = jdbc.queryForObject(
                "select count(*) from project_event where tenant = ? and project_id = ?",
                Long.class,
                tenant,
                projectId);
        long count = total == null ? 0 : total;
        List<TimelineEntry> content = jdbc.query(
                """
                select id, type, stream, occurred_at, data from project_event
                where tenant = ? and project_id = ?
                order by occurred_at, seq
                limit ? offset ?
                """,
                (rs, i) -> new TimelineEntry(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5)),
                tenant,
                projectId,
                size,
                (long) page * size);
        return new PageResponse<>(content, page, size, count, (int) ((count + size - 1) / size));
    }
}
