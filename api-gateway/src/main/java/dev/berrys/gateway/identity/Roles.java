package dev.berrys.gateway.identity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** Roles as a PostgreSQL {@code text[]}. */
final class Roles {

    private Roles() {}

    static String[] toArray(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }

    static Set<Role> read(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) array.getArray()).map(Role::valueOf).forEach(roles::add);
        return roles;
    }
}
