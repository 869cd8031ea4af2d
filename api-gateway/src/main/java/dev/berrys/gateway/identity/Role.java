package dev.berrys.gateway.identity;

/** Roles carried in the {@code roles} claim; Spring authorities are {@code ROLE_<name>}. */
public enum Role {
    ADMIN,
    OPERATOR,
    VIEWER,
    /** A service acting for the tenant in its token. */
    SERVICE;

    public String authority() {
        return "ROLE_" + name();
    }
}
