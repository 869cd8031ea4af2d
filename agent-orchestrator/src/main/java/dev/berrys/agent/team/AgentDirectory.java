package dev.berrys.agent.team;

import dev.berrys.starter.web.ProblemException;
import java.sql.Array;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the teams. An agent's status is derived from its running executions, never stored. */
@Service
public class AgentDirectory {
    private final Agents agents;
    private final JdbcTemplate jdbc;

    AgentDirectory(Agents agents, JdbcTemplate jdbc) {
        this.agents = agents;
        this.jdbc = jdbc;
    }

    /** What an agent is doing: WORKING on {@code currentTaskId} while one of its executions runs, else IDLE. */
    public record Activity(String status, @Nullable UUID currentTaskId) {
        static final Activity IDLE = new Activity("IDLE", null);
    }

    /** Agents by id, whatever their tenant (for executions, whose rows carry the tenant already). */
    @Transactional(readOnly = true)
    public Map<UUID, AgentInfo> byIds(Collection<UUID> ids) {
        return agents.findByIdIn(ids).stream()
                .map(Agent::info)
                .collect(Collectors.toMap(AgentInfo::id, Function.identity()));
    }

    /** The tenant's agent, or 404. */
    @Transactional(readOnly = true)
    public AgentInfo get(String tenant, UUID id) {
        return agents.findByTenantAndId(tenant, id)
                .map(Agent::info)
                .orElseThrow(() -> new ProblemException.NotFound("agent", id));
    }

    @Transactional(readOnly = true)
    public Page<AgentInfo> list(String tenant, @Nullable UUID projectId, Pageable page) {
        Page<Agent> found = projectId == null
                ? agents.findByTenant(tenant, page)
                : agents.findByTenantAndProjectId(tenant, projectId, page);
        return found.map(Agent::info);
    }

    /** The activity of each agent in {@code ids} (IDLE when absent from the map). */
    @Transactional(readOnly = true)
    public Map<UUID, Activity> activities(String tenant, List<UUID> ids) {
        Map<UUID, Activity> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Map<UUID, Instant> latest = new HashMap<>();
        jdbc.query(
                con -> {
                    var ps = con.prepareStatement("""
                            select agent_id, task_id, started_at from execution
                            where status = 'RUNNING' and tenant = ? and agent_id = any (?)""");
                    Array array = con.createArrayOf("uuid", ids.toArray());
                    ps.setString(1, tenant);
                    ps.setArray(2, array);
                    return ps;
                },
                rs -> {
                    UUID agent = rs.getObject(1, UUID.class);
                    UUID task = rs.getObject(2, UUID.class);
                    var started = rs.getTimestamp(3);
                    Instant at = started == null ? Instant.EPOCH : started.toInstant();
                    // the most recently started execution is the agent's current task
                    if (!latest.containsKey(agent) || latest.get(agent).isBefore(at)) {
                        latest.put(agent, at);
                        out.put(agent, new Activity("WORKING", task));
                    }
                });
        return out;
    }

    /** IDLE activity, for agents absent from {@link #activities}. */
    public static Activity idle() {
        return Activity.IDLE;
    }
}
