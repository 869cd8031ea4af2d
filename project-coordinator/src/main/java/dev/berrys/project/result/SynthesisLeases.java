package dev.berrys.project.result;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who works on a pending synthesis: a replica claims it for a while (a lease it renews before every
 * call), so that two replicas never synthesise the same result and a crashed one's work is picked up
 * once its lease ran out.
 */
@Component
class SynthesisLeases {
    private final JdbcTemplate jdbc;

    SynthesisLeases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Pending(UUID projectId, String tenant) {}

    /** True where this replica now holds the synthesis of {@code projectId}. */
    boolean claim(UUID projectId, Duration lease) {
        return jdbc.update("""
                        update project_result
                        set lease_until = now() + make_interval(secs => ?), attempts = attempts + 1
                        where project_id = ? and status = 'PENDING'
                          and (lease_until is null or lease_until < now())
                        """, lease.toSeconds(), projectId) == 1;
    }

    void renew(UUID projectId, Duration lease) {
        jdbc.update(
                "update project_result set lease_until = now() + make_interval(secs => ?) where project_id = ?",
                lease.toSeconds(),
                projectId);
    }

    /** Pending syntheses nobody holds, oldest first. */
    List<Pending> unclaimed(int limit) {
        return jdbc.query("""
                select project_id, tenant from project_result
                where status = 'PENDING' and (lease_until is null or lease_until < now())
                order by created_at limit ?
                """, (rs, i) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2)), limit);
    }

    /**
     * A synthesis refused for the budget, or one that failed (its project failed, and was resumed), may be
     * tried again; true where there was one.
     */
    boolean unblock(UUID projectId, String tenant) {
        return jdbc.update("""
                        update project_result set status = 'PENDING', lease_until = null
                        where project_id = ? and tenant = ? and status in ('BLOCKED', 'FAILED')
                        """, projectId, tenant) == 1;
    }
}
