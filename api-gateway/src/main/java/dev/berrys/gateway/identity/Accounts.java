package dev.berrys.gateway.identity;

import dev.berrys.contracts.security.Role;
import dev.berrys.gateway.problem.ApiProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What an ADMIN may do with users and API keys. An admin manages their own tenant; only an admin of the platform
 * tenant ({@code berrys.auth.default-tenant}) may reach into another tenant or create, revoke or rotate SERVICE
 * keys, since those act for other tenants. An account of a tenant the caller may not manage answers 404, as if it
 * did not exist. Taking access back (disable, delete, password reset, revoke, rotate) also revokes the tokens
 * already issued for it (see {@link Revocations}).
 */
@Service
@BuiltInIssuer
public class Accounts {

    private static final int CLIENT_ID_BYTES = 12;
    private static final int SECRET_BYTES = 32;

    private final Users users;
    private final ApiKeys apiKeys;
    private final PasswordEncoder passwords;
    private final Revocations revocations;
    private final String platformTenant;

    Accounts(Users users, ApiKeys apiKeys, PasswordEncoder passwords, Revocations revocations, AuthProperties props) {
        this.users = users;
        this.apiKeys = apiKeys;
        this.passwords = passwords;
        this.revocations = revocations;
        this.platformTenant = props.defaultTenant();
    }

    public Mono<User> createUser(
            Caller caller, String username, String password, Set<Role> roles, @Nullable String tenant) {
        if (roles.contains(Role.SERVICE)) {
            throw ApiProblem.badRequest("roles: SERVICE belongs to API keys, not users");
        }
        checkPassword("password", password);
        String scope = scope(caller, tenant);
        String name = Credentials.normalizeUsername(username);
        return blocking(() -> {
            try {
                return users.create(name, hash(password), EnumSet.copyOf(roles), scope);
            } catch (DuplicateKeyException e) {
                throw ApiProblem.conflict("A user named '" + name + "' already exists");
            }
        });
    }

    public Mono<Page<User>> users(Caller caller, @Nullable String tenant, int page, int size) {
        String scope = scope(caller, tenant);
        return blocking(() -> users.findByTenant(scope, page, size));
    }

    /** Disabled: no new token, and the ones issued stop working. Enabled again: new logins work. */
    public Mono<User> setDisabled(Caller caller, UUID id, boolean disabled) {
        return blocking(() -> {
            User user = user(caller, id);
            if (disabled && user.username().equals(caller.subject())) {
                throw ApiProblem.conflict("You cannot disable your own account");
            }
            User changed = users.setDisabled(id, disabled).orElseThrow(() -> noUser(id));
            if (disabled) {
                revocations.revoke(user.username());
            }
            return changed;
        });
    }

    public Mono<Void> deleteUser(Caller caller, UUID id) {
        return blocking(() -> {
                    User user = user(caller, id);
                    if (user.username().equals(caller.subject())) {
                        throw ApiProblem.conflict("You cannot delete your own account");
                    }
                    if (!users.delete(id)) {
                        throw noUser(id);
                    }
                    revocations.revoke(user.username());
                    return user;
                })
                .then();
    }

    /** An admin's reset: the user's tokens stop working, since a reset usually means the password got out. */
    public Mono<Void> resetPassword(Caller caller, UUID id, String password) {
        checkPassword("password", password);
        return blocking(() -> {
                    User user = user(caller, id);
                    if (!users.setPasswordHash(id, hash(password))) {
                        throw noUser(id);
                    }
                    revocations.revoke(user.username());
                    return user;
                })
                .then();
    }

    /** A user's own change; their current tokens keep working (they just proved who they are). */
    public Mono<Void> changeOwnPassword(Caller caller, String currentPassword, String newPassword) {
        checkPassword("newPassword", newPassword);
        return blocking(() -> {
                    User user = users.findByUsername(caller.subject())
                            .filter(u -> u.tenant().equals(caller.tenant()))
                            .orElseThrow(() -> ApiProblem.conflict(
                                    "Only a user who logs in with a password can change it; this token is not one"));
                    if (!passwords.matches(currentPassword, user.passwordHash())) {
                        throw ApiProblem.badRequest("currentPassword: does not match the current password");
                    }
                    users.setPasswordHash(user.id(), hash(newPassword));
                    return user;
                })
                .then();
    }

    /** The new key with its secret in clear: the only time anyone sees it. */
    public Mono<NewApiKey> createApiKey(Caller caller, ApiKeySpec spec) {
        String scope = scope(caller, spec.tenant());
        boolean service = spec.roles().contains(Role.SERVICE);
        if (service && !isPlatformAdmin(caller)) {
            throw ApiProblem.forbidden("Only an admin of the platform tenant may create SERVICE keys");
        }
        if (!spec.tenants().isEmpty() && !service) {
            throw ApiProblem.badRequest("tenants: only a SERVICE key may act for other tenants");
        }
        if (spec.expiresAt() != null && !spec.expiresAt().isAfter(Instant.now())) {
            throw ApiProblem.badRequest("expiresAt: must be in the future");
        }
        String clientId = ApiKeyCredential.newClientId(CLIENT_ID_BYTES);
        String secret = Credentials.randomSecret(SECRET_BYTES);
        return blocking(() -> new NewApiKey(
                apiKeys.create(new ApiKeys.NewKey(
                        clientId,
                        hash(secret),
                        EnumSet.copyOf(spec.roles()),
                        scope,
                        spec.name(),
                        caller.subject(),
                        spec.expiresAt(),
                        spec.budgetUsd(),
                        spec.tenants())),
                secret));
    }

    public Mono<Page<ApiKey>> apiKeys(Caller caller, @Nullable String tenant, int page, int size) {
        String scope = scope(caller, tenant);
        return blocking(() -> apiKeys.findByTenant(scope, page, size));
    }

    /** The key is gone and the tokens it got stop working. */
    public Mono<Void> revokeApiKey(Caller caller, UUID id) {
        return blocking(() -> {
                    ApiKey key = manageableKey(caller, id);
                    if (!apiKeys.delete(id)) {
                        throw noKey(id);
                    }
                    revocations.revoke(key.clientId());
                    return key;
                })
                .then();
    }

    /** A new secret, shown once; the old secret and the tokens it got stop working. */
    public Mono<NewApiKey> rotateApiKey(Caller caller, UUID id) {
        String secret = Credentials.randomSecret(SECRET_BYTES);
        return blocking(() -> {
            ApiKey key = manageableKey(caller, id);
            if (!apiKeys.replaceSecret(id, hash(secret))) {
                throw noKey(id);
            }
            revocations.revoke(key.clientId());
            return new NewApiKey(key, secret);
        });
    }

    private User user(Caller caller, UUID id) {
        return users.findById(id).filter(u -> mayManage(caller, u.tenant())).orElseThrow(() -> noUser(id));
    }

    private ApiKey manageableKey(Caller caller, UUID id) {
        ApiKey key =
                apiKeys.findById(id).filter(k -> mayManage(caller, k.tenant())).orElseThrow(() -> noKey(id));
        if (key.isService() && !isPlatformAdmin(caller)) {
            throw ApiProblem.forbidden("Only an admin of the platform tenant may revoke or rotate SERVICE keys");
        }
        if (key.isConfigured()) {
            throw ApiProblem.conflict("The key '" + key.clientId()
                    + "' comes from the configuration (BERRYS_SERVICE_CLIENT_SECRET): change it there");
        }
        return key;
    }

    private boolean mayManage(Caller caller, String tenant) {
        return tenant.equals(caller.tenant()) || isPlatformAdmin(caller);
    }

    private boolean isPlatformAdmin(Caller caller) {
        return caller.tenant().equals(platformTenant);
    }

    private String scope(Caller caller, @Nullable String requested) {
        if (requested == null || requested.equals(caller.tenant())) {
            return caller.tenant();
        }
        if (isPlatformAdmin(caller)) {
            return requested;
        }
        throw ApiProblem.forbidden("An admin manages only the accounts of their own tenant");
    }

    private static void checkPassword(String field, String password) {
        if (password.length() < Credentials.MIN_PASSWORD_LENGTH) {
            throw ApiProblem.badRequest(
                    field + ": must be at least " + Credentials.MIN_PASSWORD_LENGTH + " characters");
        }
        if (!Credentials.fitsBcrypt(password)) {
            throw ApiProblem.badRequest(field + ": must be at most 72 bytes");
        }
    }

    private static ApiProblem noUser(UUID id) {
        return ApiProblem.notFound("No user with id " + id);
    }

    private static ApiProblem noKey(UUID id) {
        return ApiProblem.notFound("No API key with id " + id);
    }

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }

    /** What a new API key is asked to be. */
    public record ApiKeySpec(
            String name,
            Set<Role> roles,
            @Nullable String tenant,
            @Nullable Instant expiresAt,
            @Nullable BigDecimal budgetUsd,
            Set<String> tenants) {}

    /** A created or rotated key and its secret. */
    public record NewApiKey(ApiKey key, String secret) {
        /** The one string a client sends as {@code Authorization: Bearer}. */
        public String bearer() {
            return ApiKeyCredential.bearer(key.clientId(), secret);
        }
    }

    /** A hash of a password or secret: never null for a non-null input. */
    private String hash(String raw) {
        return Objects.requireNonNull(passwords.encode(raw));
    }
}
