package dev.berrys.starter.events;

import dev.berrys.starter.calls.OutageAutoConfiguration;
import dev.berrys.starter.calls.OutagePolicy;
import dev.berrys.starter.config.InstanceAutoConfiguration;
import dev.berrys.starter.config.InstanceId;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event bus of a service with a schema ({@code berrys.service.schema}): outbox publisher, relay,
 * consumers with inbox, dead letters.
 */
@AutoConfiguration(
        after = {DataSourceAutoConfiguration.class, OutageAutoConfiguration.class, InstanceAutoConfiguration.class})
@ConditionalOnProperty("berrys.service.schema")
@EnableConfigurationProperties(EventBusProperties.class)
public class EventBusAutoConfiguration {

    @Bean(destroyMethod = "shutdown")
    RedisClient berrysRedisClient(DataRedisProperties redis) {
        RedisURI.Builder uri = RedisURI.builder().withHost(redis.getHost()).withPort(redis.getPort());
        if (redis.getPassword() != null && !redis.getPassword().isEmpty()) {
            uri.withPassword(redis.getPassword().toCharArray());
        }
        return RedisClient.create(uri.build());
    }

    /** The gateway's revocations, so that a revoked token is refused here too when called past the gateway. */
    @Bean(destroyMethod = "close")
    dev.berrys.starter.security.TokenRevocations berrysTokenRevocations(
            RedisClient redis, dev.berrys.starter.security.SecurityProperties security) {
        return new dev.berrys.starter.security.TokenRevocations(
                redis, security.revocationKey(), security.revocationRefresh());
    }

    @Bean
    static EventHandlers berrysEventHandlers() {
        return new EventHandlers();
    }

    @Bean
    TraceHeaders berrysTraceHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TraceHeaders(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    OutboxRelay berrysOutboxRelay(
            DataSource dataSource,
            PlatformTransactionManager txManager,
            RedisClient redis,
            EventBusProperties props,
            ObjectProvider<MeterRegistry> meters) {
        return new OutboxRelay(
                new JdbcTemplate(dataSource),
                new TransactionTemplate(txManager),
                connections(redis),
                redis::connectPubSub,
                props,
                meters.getIfAvailable());
    }

    @Bean
    EventPublisher berrysEventPublisher(
            DataSource dataSource, JsonMapper json, EventBusProperties props, TraceHeaders trace, OutboxRelay relay) {
        return new EventPublisher(new JdbcTemplate(dataSource), json, props, trace, relay);
    }

    @Bean
    @ConditionalOnProperty(value = "berrys.events.enabled", matchIfMissing = true)
    EventConsumers berrysEventConsumers(
            EventHandlers handlers,
            EventBusProperties props,
            RedisClient redis,
            DataSource dataSource,
            PlatformTransactionManager txManager,
            JsonMapper json,
            TraceHeaders trace,
            DeadLetters deadLetters,
            OutagePolicy outages,
            InstanceId instance,
            ObjectProvider<MeterRegistry> meters) {
        var inbox = new InboxProcessor(
                new JdbcTemplate(dataSource),
                new TransactionTemplate(txManager),
                json,
                handlers,
                trace,
                props.group(),
                meters.getIfAvailable());
        return new EventConsumers(
                handlers,
                props,
                connections(redis),
                inbox,
                deadLetters,
                outages,
                props.consumerNameOr(instance.value()));
    }

    @Bean
    DeadLetters berrysDeadLetters(RedisClient redis, EventBusProperties props, JsonMapper json) {
        return new DeadLetters(connections(redis), props, json);
    }

    /** Once the application is ready: dead letters from before per-tenant dead letters reach their tenants. */
    @Bean
    @ConditionalOnProperty(value = "berrys.events.enabled", matchIfMissing = true)
    org.springframework.context.ApplicationListener<org.springframework.boot.context.event.ApplicationReadyEvent>
            berrysDeadLetterMigration(DeadLetters deadLetters) {
        return ready -> deadLetters.migrateLegacyInBackground();
    }

    @Bean
    StreamTrimmer berrysStreamTrimmer(RedisClient redis, EventBusProperties props) {
        return new StreamTrimmer(connections(redis), props, Clock.systemUTC());
    }

    private static Supplier<StatefulRedisConnection<String, String>> connections(RedisClient redis) {
        return redis::connect;
    }
}
