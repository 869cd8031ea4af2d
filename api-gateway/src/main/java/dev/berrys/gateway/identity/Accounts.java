package dev.berrys.gateway.identity;

import dev.berrys.gateway.problem.ApiProblem;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What an ADMIN may do with users and API keys. An admin manages their own tenant; only an admin of
 * the platform tenant ({@code berrys.auth.default-tenant}) may reach into another tenant or create
 * SERVICE keys, since those act for any tenant.
 */
@Service
@BuiltInIssuer
public class Accounts {

    private static final int CLIENT_ID_BYTES = 12;
    private static final int SECRET_BYTES = 32;

    private final Users users;
    private final ApiKeys apiKeys;
    private final PasswordEncoder passwords;
    private final String platformTenant;

    Accounts(Users users, ApiKeys apiKeys, PasswordEncoder passwords, AuthProperties props) {
        this.users = users;
        this.apiKeys = apiKeys;
        this.passwords = passwords;
        this.platformTenant = props.defaultTenant();
    }

    public Mono<User> createUser(
            Caller caller, String username, String password, Set<Role> roles, @Nullable String tenant) {
        if (roles.contains(Role.SERVICE)) {
            throw ApiProblem.badRequest("roles: SERVICE belongs to API keys, not users");
        }
        if (!Credentials.fitsBcrypt(password)) {
            throw ApiProblem.badRequest("password: must be at most 72 bytes");
        }
        String scope = scope(caller, tenant);
        String name = Credentials.normalizeUsername(username);
        return blocking(() -> {
            try {
                return users.create(name, passwords.encode(password), EnumSet.copyOf(roles), scope);
            } catch (DuplicateKeyException e) {
                throw ApiProblem.conflict("A user named '" + name + "' already exists");
            }
        });
    }

    public Mono<Page<User>> users(Caller caller, @Nullable String tenant, int page, int size) {
        String scope = scope(caller, tenant);
        return blocking(() -> users.findByTenant(scope, page, size));
    }

    /** The new key with its secret in clear: the only time anyone sees it. */
    public Mono<NewApiKey> createApiKey(Caller caller, String name, Set<Role> roles, @Nullable String tenant) {
        String scope = scope(caller, tenant);
        if (roles.contains(Role.SERVICE) && !caller.tenant().equals(platformTenant)) {
            throw ApiProblem.forbidden("Only an admin of the platform tenant may create SERVICE keys");
        }
        String clientId = "bk_" + Credentials.randomSecret(CLIENT_ID_BYTES);
        String secret = Credentials.randomSecret(SECRET_BYTES);
        return blocking(() -> new NewApiKey(
                apiKeys.create(
                        clientId, passwords.encode(secret), EnumSet.copyOf(roles), scope, name, caller.subject()),
                secret));
    }

    public Mono<Page<ApiKey>> apiKeys(Caller caller, @Nullable String tenant, int page, int size) {
        String scope = scope(caller, tenant);
        return blocking(() -> apiKeys.findByTenant(scope, page, size));
    }

    private String scope(Caller caller, @Nullable String requested) {
        if (requested == null || requested.equals(caller.tenant())) {
            return caller.tenant();
        }
        if (caller.tenant().equals(platformTenant)) {
            return requested;
        }
        throw ApiProblem.forbidden("An admin manages only the accounts of their own tenant");
    }

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }

    /** A created key and its secret. */
    public record NewApiKey(ApiKey key, String secret) {}
}
