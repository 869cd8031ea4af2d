package dev.berrys.gateway.token;

import dev.berrys.gateway.identity.AuthProperties;
import dev.berrys.gateway.problem.ApiProblem;
import dev.berrys.gateway.problem.ProblemTypes;
import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Wrong passwords for one user name from one source (client address) slow down (a growing delay before the 401)
 * and then lock that name for that source for a while, even for the right password. Locking the name alone would
 * let anyone lock its owner out (five wrong passwords for {@code admin}); locking the pair keeps the right password
 * working from a source that has not failed. Counters live in Redis so every replica shares them, and unknown
 * names are throttled exactly like known ones: the answer never tells them apart.
 */
@Component
class LoginThrottle {

    private static final RedisScript<Long> RECORD_FAILURE = RedisScript.of("""
            local n = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            if n >= tonumber(ARGV[1]) then
              redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
              redis.call('DEL', KEYS[1])
            end
            return n
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final AuthProperties.Login settings;

    LoginThrottle(ReactiveStringRedisTemplate redis, AuthProperties props) {
        this.redis = redis;
        this.settings = props.login();
    }

    /** Fails with 429 and {@code Retry-After} while the account is locked. */
    Mono<Void> checkNotLocked(Attempt account) {
        return redis.getExpire(lockKey(account))
                .filter(ttl -> !ttl.isNegative() && !ttl.isZero())
                .flatMap(ttl -> Mono.<Void>error(locked(ttl)))
                .then();
    }

    /** Counts a failure and answers how long to wait before saying so. */
    Mono<Duration> recordFailure(Attempt account) {
        return redis.execute(
                        RECORD_FAILURE,
                        List.of(failuresKey(account), lockKey(account)),
                        List.of(
                                String.valueOf(settings.maxFailures()),
                                String.valueOf(settings.lockDuration().toMillis())))
                .next()
                .map(this::delayAfter);
    }

    Mono<Void> reset(Attempt account) {
        return redis.delete(failuresKey(account)).then();
    }

    /** The n-th failure waits {@code failureDelay * 2^(n-1)}, at most {@code maxFailureDelay}. */
    Duration delayAfter(long failures) {
        if (failures < 1) {
            return Duration.ZERO;
        }
        long factor = 1L << Math.min(failures - 1, 20);
        Duration delay = settings.failureDelay().multipliedBy(factor);
        return delay.compareTo(settings.maxFailureDelay()) > 0 ? settings.maxFailureDelay() : delay;
    }

    private static ApiProblem locked(Duration ttl) {
        long seconds = Math.max(1, (ttl.toMillis() + 999) / 1000);
        return new ApiProblem(
                        HttpStatus.TOO_MANY_REQUESTS,
                        ProblemTypes.LOGIN_LOCKED,
                        "Too many failed logins",
                        "Too many failed logins for this account from your address; try again in " + seconds
                                + " seconds")
                .withHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
    }

    private static String failuresKey(Attempt attempt) {
        return "berrys:gateway:login:failures:" + attempt.key();
    }

    private static String lockKey(Attempt attempt) {
        return "berrys:gateway:login:lock:" + attempt.key();
    }

    /** A login attempt: from where, for which account. */
    record Attempt(String source, String account) {
        String key() {
            return source + "|" + account;
        }
    }
}
