package dev.berrys.starter.test;

import dev.berrys.starter.events.EventBusProperties;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Redis keys of a test method's own in the Redis every test shares: each test gets a fresh namespace
 * ({@code <prefix><uuid>:}), a connection to read and write it, and the event bus settings that use it; after the test
 * its keys are deleted. For a {@link BerrysIntegrationTest}, as a field:
 * {@code @RegisterExtension final RedisNamespace redis = new RedisNamespace("trim-");}.
 */
public final class RedisNamespace implements BeforeEachCallback, AfterEachCallback {
    private final String prefix;
    private @Nullable RedisClient client;
    private @Nullable String namespace;
    private @Nullable StatefulRedisConnection<String, String> connection;

    public RedisNamespace(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        client = SpringExtension.getApplicationContext(context).getBean(RedisClient.class);
        namespace = prefix + UUID.randomUUID() + ":";
        connection = client.connect();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (connection == null) {
            return;
        }
        var sync = connection.sync();
        var keys = sync.keys(namespace + "*");
        if (!keys.isEmpty()) {
            sync.del(keys.toArray(String[]::new));
        }
        connection.close();
        connection = null;
    }

    /** This test's prefix of every key. */
    public String namespace() {
        return Objects.requireNonNull(namespace, "used outside a test");
    }

    /** The context's Redis client, for the connections of the code under test. */
    public RedisClient client() {
        return Objects.requireNonNull(client, "used outside a test");
    }

    /** Commands on this test's connection. */
    public RedisCommands<String, String> sync() {
        return Objects.requireNonNull(connection, "used outside a test").sync();
    }

    /** {@code defaults} with this test's namespace. */
    public EventBusProperties props(EventBusProperties defaults) {
        return defaults.withNamespace(namespace());
    }
}
