package dev.berrys.agent.execution;

import dev.berrys.agent.AgentProperties;
import dev.berrys.starter.config.InstanceId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which replica runs an unfinished execution: the one holding its lease. A replica renews the leases of
 * what it runs; an execution whose lease ran out (its replica crashed) is claimed by another, or by the
 * same service after a restart. Times are the database's, so replicas' clocks do not matter.
 */
@Component
class Leases {
    private final JdbcTemplate jdbc;
    private final String owner;
    private final long leaseMillis;

    Leases(JdbcTemplate jdbc, AgentProperties props, InstanceId instance) {
        this.jdbc = jdbc;
        this.owner = instance.value();
        this.leaseMillis = props.lease().toMillis();
    }

    /** This replica's name ({@code BERRYS_INSTANCE_ID}) in {@code lease_owner} and {@code handled_by}. */
    String owner() {
        return owner;
    }

    /** The lease length, for SQL: {@code now() + ? * interval '1 millisecond'}. */
    long millis() {
        return leaseMillis;
    }

    record Claimed(UUID id, ExecutionStatus status, String tenant) {}

    /**
     * Takes over up to {@code limit} unfinished executions whose lease ran out, oldest first; this replica
     * becomes the one that handles them.
     */
    List<Claimed> claimExpired(int limit) {
        return jdbc.query(
                """
                update execution e set lease_owner = ?, handled_by = ?, lease_until = now() + ? * interval '1 millisecond'
                where e.id in (select id from execution
                               where status in ('PENDING', 'RUNNING') and (lease_until is null or lease_until < now())
                               order by created_at limit ? for update skip locked)
                returning e.id, e.status, e.tenant""",
                (rs, i) -> new Claimed(
                        rs.getObject(1, UUID.class), ExecutionStatus.valueOf(rs.getString(2)), rs.getString(3)),
                owner,
                owner,
                leaseMillis,
                limit);
    }

    /** This replica takes (or keeps) the lease of one execution it is about to run: an answered question's. */
    void take(UUID id) {
        jdbc.update("""
                update execution set lease_owner = ?, handled_by = ?, lease_until = now() + ? * interval '1 millisecond'
                where id = ?""", owner, owner, leaseMillis, id);
    }

    /** Extends the leases of the executions this replica runs. */
    void renew(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    update execution set lease_until = now() + ? * interval '1 millisecond'
                    where lease_owner = ? and id = any (?) and status in ('PENDING', 'RUNNING')""");
            ps.setLong(1, leaseMillis);
            ps.setString(2, owner);
            ps.setArray(3, uuids(con, ids));
            return ps;
        });
    }

    /** Gives up the leases (on shutdown), so that a restarted or another replica takes over at once. */
    void release(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    update execution set lease_until = null
                    where lease_owner = ? and id = any (?) and status in ('PENDING', 'RUNNING')""");
            ps.setString(1, owner);
            ps.setArray(2, uuids(con, ids));
            return ps;
        });
    }

    private static Array uuids(Connection con, Collection<UUID> ids) throws SQLException {
        return con.createArrayOf("uuid", ids.toArray());
    }
}
