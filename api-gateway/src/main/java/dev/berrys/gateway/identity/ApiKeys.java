package dev.berrys.gateway.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_keys} table. Blocking JDBC: callers run it off the event loop. */
@Repository
public class ApiKeys {

    private static final String COLUMNS = "id, client_id, secret_hash, roles, tenant, name, created_at, created_by";

    private final JdbcClient jdbc;

    ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ApiKey> findByClientId(String clientId) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where client_id = :clientId")
                .param("clientId", clientId)
                .query(ApiKeys::map)
                .optional();
    }

    public ApiKey create(
            String clientId, String secretHash, Set<Role> roles, String tenant, String name, String createdBy) {
        return jdbc.sql("insert into api_keys (id, client_id, secret_hash, roles, tenant, name, created_by) values"
                        + " (:id, :clientId, :hash, :roles, :tenant, :name, :createdBy) returning " + COLUMNS)
                .param("id", UUID.randomUUID())
                .param("clientId", clientId)
                .param("hash", secretHash)
                .param("roles", Roles.toArray(roles))
                .param("tenant", tenant)
                .param("name", name)
                .param("createdBy", createdBy)
                .query(ApiKeys::map)
                .single();
    }

    /** Creates the client or replaces its secret and roles: the configured secret always wins. */
    public void upsert(String clientId, String secretHash, Set<Role> roles, String tenant, String name) {
        jdbc.sql("insert into api_keys (id, client_id, secret_hash, roles, tenant, name, created_by) values"
                        + " (:id, :clientId, :hash, :roles, :tenant, :name, 'configuration')"
                        + " on conflict (client_id) do update set secret_hash = excluded.secret_hash,"
                        + " roles = excluded.roles, tenant = excluded.tenant")
                .param("id", UUID.randomUUID())
                .param("clientId", clientId)
                .param("hash", secretHash)
                .param("roles", Roles.toArray(roles))
                .param("tenant", tenant)
                .param("name", name)
                .update();
    }

    public Page<ApiKey> findByTenant(String tenant, int page, int size) {
        long total = jdbc.sql("select count(*) from api_keys where tenant = :tenant")
                .param("tenant", tenant)
                .query(Long.class)
                .single();
        List<ApiKey> content = jdbc.sql("select " + COLUMNS
                        + " from api_keys where tenant = :tenant order by created_at, client_id"
                        + " limit :size offset :offset")
                .param("tenant", tenant)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(ApiKeys::map)
                .list();
        return Page.of(content, page, size, total);
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(
                rs.getObject("id", UUID.class),
                rs.getString("client_id"),
                rs.getString("secret_hash"),
                Roles.read(rs, "roles"),
                rs.getString("tenant"),
                rs.getString("name"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"));
    }
}
