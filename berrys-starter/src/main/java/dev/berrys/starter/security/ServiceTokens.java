package dev.berrys.starter.security;

/** Tokens this service presents when it calls another one: role SERVICE, scoped to one tenant. */
public interface ServiceTokens {
    /** A bearer token acting for {@code tenant}, cached until shortly before it expires. */
    String tokenFor(String tenant);
}
