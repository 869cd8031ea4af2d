package dev.berrys.gateway.identity;

import dev.berrys.contracts.security.Role;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_keys} table. Blocking JDBC: callers run it off the event loop. */
@Repository
public class ApiKeys {

    private static final String COLUMNS =
            "id, client_id, secret_hash, roles, tenant, name, created_at, created_by, expires_at, budget_usd, tenants";

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

    public ApiKey create(NewKey key) {
        return jdbc.sql("insert into api_keys (id, client_id, secret_hash, roles, tenant, name, created_by,"
                        + " expires_at, budget_usd, tenants) values (:id, :clientId, :hash, :roles, :tenant, :name,"
                        + " :createdBy, :expiresAt, :budgetUsd, :tenants) returning " + COLUMNS)
                .param("id", UUID.randomUUID())
                .param("clientId", key.clientId())
                .param("hash", key.secretHash())
                .param("roles", Roles.toArray(key.roles()))
                .param("tenant", key.tenant())
                .param("name", key.name())
                .param("createdBy", key.createdBy())
                .param("expiresAt", key.expiresAt() == null ? null : Timestamp.from(key.expiresAt()), Types.TIMESTAMP)
                .param("budgetUsd", key.budgetUsd(), Types.NUMERIC)
                .param("tenants", key.tenants().stream().sorted().toArray(String[]::new))
                .query(ApiKeys::map)
                .single();
    }

    public Optional<ApiKey> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where id = :id")
                .param("id", id)
                .query(ApiKeys::map)
                .optional();
    }

    /** A new secret for the key; the old one stops working at once. False when the key is gone. */
    public boolean replaceSecret(UUID id, String secretHash) {
        return jdbc.sql("update api_keys set secret_hash = :hash where id = :id")
                        .param("hash", secretHash)
                        .param("id", id)
                        .update()
                == 1;
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from api_keys where id = :id").param("id", id).update() == 1;
    }

    /** Creates the client or replaces its secret, roles and tenants: the configuration always wins. */
    public void upsert(
            String clientId, String secretHash, Set<Role> roles, String tenant, String name, Set<String> tenants) {
        jdbc.sql("insert into api_keys (id, client_id, secret_hash, roles, tenant, name, created_by, tenants) values"
                        + " (:id, :clientId, :hash, :roles, :tenant, :name, '" + ApiKey.CONFIGURED + "', :tenants)"
                        + " on conflict (client_id) do update set secret_hash = excluded.secret_hash,"
                        + " roles = excluded.roles, tenant = excluded.tenant, tenants = excluded.tenants")
                .param("id", UUID.randomUUID())
                .param("clientId", clientId)
                .param("hash", secretHash)
                .param("roles", Roles.toArray(roles))
                .param("tenant", tenant)
                .param("name", name)
                .param("tenants", tenants.stream().sorted().toArray(String[]::new))
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
                rs.getString("created_by"),
                rs.getTimestamp("expires_at") == null
                        ? null
                        : rs.getTimestamp("expires_at").toInstant(),
                rs.getBigDecimal("budget_usd"),
                Roles.readStrings(rs, "tenants"));
    }

    /** What a new key is made of; the secret only as its hash. */
    public record NewKey(
            String clientId,
            String secretHash,
            Set<Role> roles,
            String tenant,
            String name,
            String createdBy,
            @Nullable Instant expiresAt,
            @Nullable BigDecimal budgetUsd,
            Set<String> tenants) {}
}
