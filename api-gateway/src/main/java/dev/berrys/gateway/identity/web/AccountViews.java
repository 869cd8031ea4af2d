package dev.berrys.gateway.identity.web;

import dev.berrys.contracts.security.Role;
import dev.berrys.gateway.identity.Accounts.NewApiKey;
import dev.berrys.gateway.identity.ApiKey;
import dev.berrys.gateway.identity.User;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the admin API shows of accounts: never a hash, a secret only once at creation or rotation. */
final class AccountViews {

    private AccountViews() {}

    record UserView(UUID id, String username, Set<Role> roles, String tenant, boolean disabled, Instant createdAt) {
        static UserView of(User user) {
            return new UserView(
                    user.id(), user.username(), user.roles(), user.tenant(), user.disabled(), user.createdAt());
        }
    }

    record ApiKeyView(
            UUID id,
            String clientId,
            String name,
            Set<Role> roles,
            String tenant,
            Set<String> tenants,
            @Nullable Instant expiresAt,
            @Nullable BigDecimal budgetUsd,
            Instant createdAt,
            String createdBy) {
        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(
                    key.id(),
                    key.clientId(),
                    key.name(),
                    key.roles(),
                    key.tenant(),
                    key.tenants(),
                    key.expiresAt(),
                    key.budgetUsd(),
                    key.createdAt(),
                    key.createdBy());
        }
    }

    /**
     * A key with its secret, shown once.
     *
     * @param apiKey the one string to send as {@code Authorization: Bearer} (e.g. as an OpenAI SDK's API key)
     * @param clientSecret the secret alone, for {@code POST /api/auth/token} with {@code clientId}
     */
    record CreatedApiKey(
            UUID id,
            String clientId,
            String clientSecret,
            String apiKey,
            String name,
            Set<Role> roles,
            String tenant,
            Set<String> tenants,
            @Nullable Instant expiresAt,
            @Nullable BigDecimal budgetUsd,
            Instant createdAt) {
        static CreatedApiKey of(NewApiKey created) {
            ApiKey key = created.key();
            return new CreatedApiKey(
                    key.id(),
                    key.clientId(),
                    created.secret(),
                    created.bearer(),
                    key.name(),
                    key.roles(),
                    key.tenant(),
                    key.tenants(),
                    key.expiresAt(),
                    key.budgetUsd(),
                    key.createdAt());
        }
    }

    record Me(String subject, Set<Role> roles, String tenant, String issuer, Instant expiresAt) {}
}
