package dev.berrys.gateway.identity;

import dev.berrys.contracts.security.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table. Blocking JDBC: callers run it off the event loop. */
@Repository
public class Users {

    private static final String COLUMNS = "id, username, password_hash, roles, tenant, disabled, created_at";

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<User> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from users where username = :username")
                .param("username", username)
                .query(Users::map)
                .optional();
    }

    public Optional<User> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = :id")
                .param("id", id)
                .query(Users::map)
                .optional();
    }

    /** The user as it is now, or empty when it was deleted meanwhile. */
    public Optional<User> setDisabled(UUID id, boolean disabled) {
        return jdbc.sql("update users set disabled = :disabled where id = :id returning " + COLUMNS)
                .param("disabled", disabled)
                .param("id", id)
                .query(Users::map)
                .optional();
    }

    public boolean setPasswordHash(UUID id, String passwordHash) {
        return jdbc.sql("update users set password_hash = :hash where id = :id")
                        .param("hash", passwordHash)
                        .param("id", id)
                        .update()
                == 1;
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from users where id = :id").param("id", id).update() == 1;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the name is taken */
    public User create(String username, String passwordHash, Set<Role> roles, String tenant) {
        return jdbc.sql("insert into users (id, username, password_hash, roles, tenant) values"
                        + " (:id, :username, :hash, :roles, :tenant) returning " + COLUMNS)
                .param("id", UUID.randomUUID())
                .param("username", username)
                .param("hash", passwordHash)
                .param("roles", Roles.toArray(roles))
                .param("tenant", tenant)
                .query(Users::map)
                .single();
    }

    /** Inserts the user unless the name exists; true when this call created it. */
    public boolean createIfAbsent(String username, String passwordHash, Set<Role> roles, String tenant) {
        return jdbc.sql("insert into users (id, username, password_hash, roles, tenant) values"
                                + " (:id, :username, :hash, :roles, :tenant) on conflict (username) do nothing")
                        .param("id", UUID.randomUUID())
                        .param("username", username)
                        .param("hash", passwordHash)
                        .param("roles", Roles.toArray(roles))
                        .param("tenant", tenant)
                        .update()
                == 1;
    }

    public boolean exists(String username) {
        return jdbc.sql("select count(*) from users where username = :username")
                        .param("username", username)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public Page<User> findByTenant(String tenant, int page, int size) {
        long total = jdbc.sql("select count(*) from users where tenant = :tenant")
                .param("tenant", tenant)
                .query(Long.class)
                .single();
        List<User> content = jdbc.sql("select " + COLUMNS
                        + " from users where tenant = :tenant order by username limit :size offset :offset")
                .param("tenant", tenant)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(Users::map)
                .list();
        return Page.of(content, page, size, total);
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("password_hash"),
                Roles.read(rs, "roles"),
                rs.getString("tenant"),
                rs.getBoolean("disabled"),
                rs.getTimestamp("created_at").toInstant());
    }
}
