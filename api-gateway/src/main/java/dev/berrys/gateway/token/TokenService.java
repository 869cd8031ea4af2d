package dev.berrys.gateway.token;

import dev.berrys.gateway.identity.ApiKey;
import dev.berrys.gateway.identity.ApiKeys;
import dev.berrys.gateway.identity.BuiltInIssuer;
import dev.berrys.gateway.identity.User;
import dev.berrys.gateway.identity.Users;
import dev.berrys.gateway.problem.ApiProblem;
import dev.berrys.gateway.problem.ProblemTypes;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Exchanges a password or an API key for an access token. Every wrong credential gets the same 401,
 * whatever part was wrong; lookups and bcrypt run off the event loop.
 */
@Service
@BuiltInIssuer
public class TokenService {

    private final Users users;
    private final ApiKeys apiKeys;
    private final PasswordEncoder passwords;
    private final TokenIssuer issuer;
    private final LoginThrottle throttle;
    /** Compared against when the name is unknown, so that both cases cost one bcrypt check. */
    private final String decoyHash;

    TokenService(Users users, ApiKeys apiKeys, PasswordEncoder passwords, TokenIssuer issuer, LoginThrottle throttle) {
        this.users = users;
        this.apiKeys = apiKeys;
        this.passwords = passwords;
        this.issuer = issuer;
        this.throttle = throttle;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    public Mono<TokenIssuer.IssuedToken> forPassword(String username, String password, @Nullable String tenant) {
        String account = "user:" + username;
        return throttle.checkNotLocked(account)
                .then(Mono.fromCallable(() -> verify(users.findByUsername(username), password))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(found -> found.isPresent()
                        ? throttle.reset(account).then(issue(found.get(), tenant))
                        : throttle.recordFailure(account)
                                .flatMap(delay -> Mono.delay(delay).then(Mono.error(invalidCredentials()))));
    }

    public Mono<TokenIssuer.IssuedToken> forApiKey(String clientId, String secret, @Nullable String tenant) {
        return Mono.fromCallable(() -> verifyKey(apiKeys.findByClientId(clientId), secret))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(found -> found.isPresent() ? issue(found.get(), tenant) : Mono.error(invalidCredentials()));
    }

    private Mono<TokenIssuer.IssuedToken> issue(User user, @Nullable String tenant) {
        return Mono.fromCallable(
                () -> issuer.issue(user.username(), user.roles(), tenantFor(user.tenant(), tenant, false)));
    }

    private Mono<TokenIssuer.IssuedToken> issue(ApiKey key, @Nullable String tenant) {
        return Mono.fromCallable(
                () -> issuer.issue(key.clientId(), key.roles(), tenantFor(key.tenant(), tenant, key.isService())));
    }

    private Optional<User> verify(Optional<User> user, String password) {
        boolean matches =
                passwords.matches(password, user.map(User::passwordHash).orElse(decoyHash));
        return matches ? user : Optional.empty();
    }

    private Optional<ApiKey> verifyKey(Optional<ApiKey> key, String secret) {
        boolean matches = passwords.matches(secret, key.map(ApiKey::secretHash).orElse(decoyHash));
        return matches ? key : Optional.empty();
    }

    private static String tenantFor(String own, @Nullable String requested, boolean service) {
        if (requested == null || requested.equals(own) || service) {
            return requested == null ? own : requested;
        }
        throw ApiProblem.forbidden("Only a service client may request a token for another tenant");
    }

    private static ApiProblem invalidCredentials() {
        return new ApiProblem(
                HttpStatus.UNAUTHORIZED,
                ProblemTypes.INVALID_CREDENTIALS,
                "Invalid credentials",
                "The credentials are not valid");
    }
}
