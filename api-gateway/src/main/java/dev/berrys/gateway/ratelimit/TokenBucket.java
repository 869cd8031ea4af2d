package dev.berrys.gateway.ratelimit;

import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A token bucket in Redis, shared by every gateway replica. One Lua call refills by the time elapsed
 * (Redis's own clock, so replicas' clocks do not matter), takes a token if there is one, and says how
 * long until the next one otherwise.
 */
@Component
class TokenBucket {

    private static final RedisScript<List> TAKE = RedisScript.of("""
            local rate = tonumber(ARGV[1])
            local capacity = tonumber(ARGV[2])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1]) or capacity
            local ts = tonumber(state[2]) or now
            tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate / 1000)
            local allowed = 0
            local retry = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            else
              retry = math.ceil((1 - tokens) * 1000 / rate)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 1000 / rate) + 1000)
            return {allowed, math.floor(tokens), retry}
            """, List.class);

    private final ReactiveStringRedisTemplate redis;

    TokenBucket(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    Mono<Decision> take(String key, int perSecond, int burst) {
        return redis.execute(
                        TAKE,
                        List.of("berrys:gateway:ratelimit:" + key),
                        List.of(String.valueOf(perSecond), String.valueOf(burst)))
                .next()
                .map(result -> new Decision(
                        ((Number) result.get(0)).longValue() == 1,
                        ((Number) result.get(1)).longValue(),
                        ((Number) result.get(2)).longValue()));
    }

    /** @param retryAfterMillis how long until a token is free again, when refused */
    record Decision(boolean allowed, long remaining, long retryAfterMillis) {}
}
