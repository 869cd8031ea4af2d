package dev.berrys.gateway.identity;

import dev.berrys.contracts.security.Role;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A machine credential: a client id and a bcrypt hash of its secret, with an optional expiry and budget.
 *
 * @param tenants the tenants a SERVICE key may act for besides its own; {@code *} is every tenant
 */
public record ApiKey(
        UUID id,
        String clientId,
        String secretHash,
        Set<Role> roles,
        String tenant,
        String name,
        Instant createdAt,
        String createdBy,
        @Nullable Instant expiresAt,
        @Nullable BigDecimal budgetUsd,
        Set<String> tenants) {

    /** Every tenant, in {@link #tenants}. */
    public static final String ALL_TENANTS = "*";

    /** Who created the key when it comes from the configuration ({@code BERRYS_SERVICE_CLIENT_SECRET}). */
    public static final String CONFIGURED = "configuration";

    public boolean isService() {
        return roles.contains(Role.SERVICE);
    }

    /** Its own tenant always; another only for a SERVICE key that lists it (or {@code *}). */
    public boolean mayActFor(String requested) {
        return requested.equals(tenant)
                || (isService() && (tenants.contains(ALL_TENANTS) || tenants.contains(requested)));
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public boolean isConfigured() {
        return CONFIGURED.equals(createdBy);
    }
}
