package dev.berrys.model.catalog;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The routing_policy table. */
@Repository
class RoutingPolicies {
    private static final String COLUMNS = "id, task_type, preferred_models, capabilities, max_output_price_per_million,"
            + " strategy, created_at, updated_at";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    RoutingPolicies(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<RoutingPolicy> findByTenant(String tenant) {
        return jdbc.query(
                "select " + COLUMNS + " from routing_policy where tenant = ? order by task_type", this::map, tenant);
    }

    Optional<RoutingPolicy> find(String tenant, UUID id) {
        return jdbc
                .query("select " + COLUMNS + " from routing_policy where tenant = ? and id = ?", this::map, tenant, id)
                .stream()
                .findFirst();
    }

    boolean taskTypeTaken(String tenant, String taskType, @Nullable UUID except) {
        Long n = jdbc.queryForObject(
                "select count(*) from routing_policy where tenant = ? and task_type = ? and id is distinct from ?",
                Long.class,
                tenant,
                taskType,
                except);
        return n != null && n > 0;
    }

    RoutingPolicy save(String tenant, RoutingPolicy p) {
        jdbc.update(
                """
                insert into routing_policy (id, tenant, task_type, preferred_models, capabilities,
                  max_output_price_per_million, strategy, created_at, updated_at)
                values (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)
                on conflict (id) do update set task_type = excluded.task_type,
                  preferred_models = excluded.preferred_models, capabilities = excluded.capabilities,
                  max_output_price_per_million = excluded.max_output_price_per_million,
                  strategy = excluded.strategy, updated_at = excluded.updated_at
                """,
                p.id(),
                tenant,
                p.taskType(),
                json.writeValueAsString(p.preferredModels()),
                json.writeValueAsString(Capability.stored(p.capabilities())),
                p.maxOutputPricePerMillion(),
                p.strategy().name(),
                Timestamp.from(p.createdAt()),
                Timestamp.from(p.updatedAt()));
        return p;
    }

    boolean delete(String tenant, UUID id) {
        return jdbc.update("delete from routing_policy where tenant = ? and id = ?", tenant, id) == 1;
    }

    private RoutingPolicy map(ResultSet rs, int row) throws SQLException {
        BigDecimal ceiling = rs.getBigDecimal("max_output_price_per_million");
        return new RoutingPolicy(
                rs.getObject("id", UUID.class),
                rs.getString("task_type"),
                json.readValue(rs.getString("preferred_models"), STRINGS),
                new LinkedHashSet<>(Capability.parse(json.readValue(rs.getString("capabilities"), STRINGS))),
                ceiling,
                RoutingPolicy.Strategy.valueOf(rs.getString("strategy")),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
