package dev.berrys.gateway.identity;

import dev.berrys.contracts.security.Role;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/** Roles (and other small sets) as a PostgreSQL {@code text[]}. */
final class Roles {

    private Roles() {}

    static String[] toArray(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }

    static Set<Role> read(ResultSet rs, String column) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(strings(rs, column)).map(Role::valueOf).forEach(roles::add);
        return roles;
    }

    static Set<String> readStrings(ResultSet rs, String column) throws SQLException {
        return new TreeSet<>(Arrays.asList(strings(rs, column)));
    }

    private static String[] strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
