package dev.berrys.contracts.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/**
 * The roles a token carries in its roles claim (see {@link TokenClaims}); Spring authorities are {@code
 * ROLE_<name>}. One type for the gateway (accounts, API keys, its route rules) and every service (their route
 * rules and role checks).
 */
public enum Role {
    ADMIN,
    OPERATOR,
    VIEWER,
    /** A service acting for the tenant in its token. */
    SERVICE;

    /** The roles that may change things: every role but {@link #VIEWER}. */
    public static final Set<Role> WRITERS = Set.of(ADMIN, OPERATOR, SERVICE);

    /** {@code ROLE_<name>}, as Spring Security names the authority. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The names of {@code roles}, as {@code hasAnyRole} takes them. */
    public static String[] names(Collection<Role> roles) {
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }

    /** The names of every role. */
    public static String[] names() {
        return Arrays.stream(values()).map(Role::name).toArray(String[]::new);
    }
}
