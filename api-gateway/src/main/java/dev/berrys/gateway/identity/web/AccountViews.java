package dev.berrys.gateway.identity.web;

import dev.berrys.gateway.identity.ApiKey;
import dev.berrys.gateway.identity.Role;
import dev.berrys.gateway.identity.User;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** What the admin API shows of accounts: never a hash, a secret only once at creation. */
final class AccountViews {

    private AccountViews() {}

    record UserView(UUID id, String username, Set<Role> roles, String tenant, Instant createdAt) {
        static UserView of(User user) {
            return new UserView(user.id(), user.username(), user.roles(), user.tenant(), user.createdAt());
        }
    }

    record ApiKeyView(
            UUID id,
            String clientId,
            String name,
            Set<Role> roles,
            String tenant,
            Instant createdAt,
            String createdBy) {
        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(
                    key.id(), key.clientId(), key.name(), key.roles(), key.tenant(), key.createdAt(), key.createdBy());
        }
    }

    record CreatedApiKey(
            UUID id,
            String clientId,
            String clientSecret,
            String name,
            Set<Role> roles,
            String tenant,
            Instant createdAt) {}

    record Me(String subject, Set<Role> roles, String tenant, String issuer, Instant expiresAt) {}
}
