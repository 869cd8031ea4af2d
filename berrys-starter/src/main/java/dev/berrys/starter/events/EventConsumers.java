package dev.berrys.starter.events;

import dev.berrys.starter.calls.OutagePolicy;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;

/** Starts one {@link StreamConsumer} for every stream that has {@link OnEvent} handlers. */
final class EventConsumers implements SmartLifecycle {
    private final EventHandlers handlers;
    private final EventBusProperties props;
    private final Supplier<StatefulRedisConnection<String, String>> connections;
    private final InboxProcessor inbox;
    private final DeadLetters deadLetters;
    private final OutagePolicy outages;
    private final String consumerName;
    private final List<StreamConsumer> consumers = new ArrayList<>();
    private volatile boolean running;

    EventConsumers(
            EventHandlers handlers,
            EventBusProperties props,
            Supplier<StatefulRedisConnection<String, String>> connections,
            InboxProcessor inbox,
            DeadLetters deadLetters,
            OutagePolicy outages,
            String consumerName) {
        this.outages = outages;
        this.consumerName = consumerName;
        this.handlers = handlers;
        this.props = props;
        this.connections = connections;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
    }

    @Override
    public void start() {
        for (String stream : handlers.streams()) {
            StreamConsumer consumer =
                    new StreamConsumer(stream, props, consumerName, connections, inbox, deadLetters, outages);
            consumers.add(consumer);
            consumer.start();
        }
        running = true;
    }

    @Override
    public void stop() {
        // all at once: each may be blocked in a read
        consumers.forEach(StreamConsumer::requestStop);
        consumers.forEach(StreamConsumer::stop);
        consumers.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
