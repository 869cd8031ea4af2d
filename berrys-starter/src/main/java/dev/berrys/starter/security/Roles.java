package dev.berrys.starter.security;

/** The roles a token carries in its {@code roles} claim. */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String OPERATOR = "OPERATOR";
    public static final String VIEWER = "VIEWER";
    public static final String SERVICE = "SERVICE";
    static final String[] ALL = {ADMIN, OPERATOR, VIEWER, SERVICE};
    static final String[] WRITERS = {ADMIN, OPERATOR, SERVICE};

    private Roles() {}
}
