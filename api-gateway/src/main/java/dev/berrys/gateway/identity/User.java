package dev.berrys.gateway.identity;

import dev.berrys.contracts.security.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A person who logs in with a password. The hash is bcrypt; it never leaves this package's callers. A disabled
 * user cannot get a token, and the tokens they had stop working.
 */
public record User(
        UUID id,
        String username,
        String passwordHash,
        Set<Role> roles,
        String tenant,
        boolean disabled,
        Instant createdAt) {}
