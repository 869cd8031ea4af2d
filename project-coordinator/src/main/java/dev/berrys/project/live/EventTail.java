package dev.berrys.project.live;

import dev.berrys.project.CoordinatorProperties;
import dev.berrys.starter.events.EventBusProperties;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows every Berrys stream with a plain XREAD from the entries written after it started, outside any
 * consumer group (it takes nothing from the groups), and hands each event to {@link LiveEvents}.
 */
@Component
class EventTail implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(EventTail.class);

    private final RedisClient redis;
    private final LiveEvents live;
    private final List<String> keys;
    private final Map<String, String> lastIds = new LinkedHashMap<>();
    private volatile boolean running;
    private @Nullable Thread worker;

    EventTail(RedisClient redis, LiveEvents live, CoordinatorProperties props, EventBusProperties bus) {
        this.redis = redis;
        this.live = live;
        this.keys = props.live().streams().stream().map(bus::key).toList();
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("berrys-sse-tail").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            try {
                t.join(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        long backoffMs = 0;
        while (running) {
            try (StatefulRedisConnection<String, String> connection = redis.connect()) {
                RedisCommands<String, String> commands = connection.sync();
                if (lastIds.isEmpty()) {
                    keys.forEach(key -> lastIds.put(key, lastId(commands, key)));
                }
                while (running) {
                    readOnce(commands);
                    backoffMs = 0;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                backoffMs = Math.min(5_000, Math.max(100, backoffMs * 2));
                log.warn("event tail failed, retrying in {} ms: {}", backoffMs, e.toString());
                sleep(backoffMs);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void readOnce(RedisCommands<String, String> commands) {
        XReadArgs.StreamOffset<String>[] offsets = lastIds.entrySet().stream()
                .map(e -> XReadArgs.StreamOffset.from(e.getKey(), e.getValue()))
                .toArray(XReadArgs.StreamOffset[]::new);
        List<StreamMessage<String, String>> messages =
                commands.xread(XReadArgs.Builder.block(Duration.ofSeconds(1)).count(500), offsets);
        if (messages == null) {
            return;
        }
        for (StreamMessage<String, String> message : messages) {
            lastIds.put(message.getStream(), message.getId());
            String envelope = message.getBody().get("event");
            if (envelope != null && live.hasSubscribers()) {
                live.dispatch(envelope);
            }
        }
    }

    private static String lastId(RedisCommands<String, String> commands, String key) {
        List<StreamMessage<String, String>> last = commands.xrevrange(key, Range.create("-", "+"), Limit.from(1));
        return last.isEmpty() ? "0-0" : last.getFirst().getId();
    }

    private static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
