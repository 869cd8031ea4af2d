package dev.berrys.gateway.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A machine credential: a client id and a bcrypt hash of its secret. */
public record ApiKey(
        UUID id,
        String clientId,
        String secretHash,
        Set<Role> roles,
        String tenant,
        String name,
        Instant createdAt,
        String createdBy) {

    /** A SERVICE client may ask for a token for any tenant. */
    public boolean isService() {
        return roles.contains(Role.SERVICE);
    }
}
