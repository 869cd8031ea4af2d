package dev.berrys.gateway.token;

import dev.berrys.gateway.identity.ApiKey;
import dev.berrys.gateway.identity.ApiKeys;
import dev.berrys.gateway.identity.BuiltInIssuer;
import dev.berrys.gateway.identity.Revocations;
import dev.berrys.gateway.identity.User;
import dev.berrys.gateway.identity.Users;
import dev.berrys.gateway.problem.ApiProblem;
import dev.berrys.gateway.problem.ProblemTypes;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Exchanges a password or an API key for an access token. Every wrong credential gets the same 401, whatever
 * part was wrong (a disabled user's right password too); lookups and bcrypt run off the event loop.
 */
@Service
@BuiltInIssuer
public class TokenService {

    private final Users users;
    private final ApiKeys apiKeys;
    private final PasswordEncoder passwords;
    private final TokenIssuer issuer;
    private final LoginThrottle throttle;
    private final Revocations revocations;
    /** Compared against when the name is unknown, so that both cases cost one bcrypt check. */
    private final String decoyHash;

    TokenService(
            Users users,
            ApiKeys apiKeys,
            PasswordEncoder passwords,
            TokenIssuer issuer,
            LoginThrottle throttle,
            Revocations revocations) {
        this.users = users;
        this.apiKeys = apiKeys;
        this.passwords = passwords;
        this.issuer = issuer;
        this.throttle = throttle;
        this.revocations = revocations;
        this.decoyHash =
                Objects.requireNonNull(passwords.encode(UUID.randomUUID().toString()));
    }

    /**
     * @param source where the attempt comes from (the client address): failures lock this source and account
     *     together, so that others' failures never lock the account's owner out
     */
    public Mono<TokenIssuer.IssuedToken> forPassword(
            String username, String password, @Nullable String tenant, String source) {
        LoginThrottle.Attempt attempt = new LoginThrottle.Attempt(source, "user:" + username);
        return throttle.checkNotLocked(attempt)
                .then(Mono.fromCallable(() -> verify(users.findByUsername(username), password))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(found -> found.isPresent()
                        ? throttle.reset(attempt).then(issue(found.get(), tenant))
                        : throttle.recordFailure(attempt)
                                .flatMap(delay -> Mono.delay(delay).then(Mono.error(invalidCredentials()))));
    }

    public Mono<TokenIssuer.IssuedToken> forApiKey(String clientId, String secret, @Nullable String tenant) {
        return Mono.fromCallable(() -> verifyKey(apiKeys.findByClientId(clientId), secret))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(found -> found.isPresent() ? issue(found.get(), tenant) : Mono.error(invalidCredentials()));
    }

    private Mono<TokenIssuer.IssuedToken> issue(User user, @Nullable String tenant) {
        String scope = tenantFor(user.tenant(), tenant, false);
        return blocking(() -> {
            revocations.awaitNewerThanRevocation(user.username());
            return issuer.issue(user.username(), user.roles(), scope);
        });
    }

    private Mono<TokenIssuer.IssuedToken> issue(ApiKey key, @Nullable String tenant) {
        if (key.isExpired(Instant.now())) {
            return Mono.error(new ApiProblem(
                    HttpStatus.UNAUTHORIZED,
                    ProblemTypes.API_KEY_EXPIRED,
                    "API key expired",
                    "The API key has expired"));
        }
        String scope = tenantFor(key.tenant(), tenant, key.mayActFor(tenant == null ? key.tenant() : tenant));
        Map<String, Object> claims = key.budgetUsd() == null
                ? Map.of()
                : Map.of("budgetUsd", key.budgetUsd().toPlainString());
        return blocking(() -> {
            revocations.awaitNewerThanRevocation(key.clientId());
            return issuer.issue(key.clientId(), key.roles(), scope, key.expiresAt(), claims);
        });
    }

    private Optional<User> verify(Optional<User> user, String password) {
        boolean matches =
                passwords.matches(password, user.map(User::passwordHash).orElse(decoyHash));
        return matches && user.filter(u -> !u.disabled()).isPresent() ? user : Optional.empty();
    }

    private Optional<ApiKey> verifyKey(Optional<ApiKey> key, String secret) {
        boolean matches = passwords.matches(secret, key.map(ApiKey::secretHash).orElse(decoyHash));
        return matches ? key : Optional.empty();
    }

    private static String tenantFor(String own, @Nullable String requested, boolean allowed) {
        if (requested == null || requested.equals(own)) {
            return own;
        }
        if (allowed) {
            return requested;
        }
        throw ApiProblem.forbidden("This credential may not request a token for tenant '" + requested + "'");
    }

    private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }

    static ApiProblem invalidCredentials() {
        return new ApiProblem(
                HttpStatus.UNAUTHORIZED,
                ProblemTypes.INVALID_CREDENTIALS,
                "Invalid credentials",
                "The credentials are not valid");
    }
}
