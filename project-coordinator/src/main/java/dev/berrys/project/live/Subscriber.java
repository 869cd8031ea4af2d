package dev.berrys.project.live;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client following one project. Events are queued and written by the client's own virtual thread,
 * so a slow client never holds back the tail or the others; one that falls too far behind is dropped.
 */
final class Subscriber {
    /** Something to write: an event (name, id, data) or, with a null name, a comment. */
    record Item(
            @Nullable String name,
            @Nullable String id,
            Object data,
            @Nullable MediaType type) {
        static Item comment(String text) {
            return new Item(null, null, text, null);
        }
    }

    private final String tenant;
    private final String user;
    private final UUID projectId;
    private final SseEmitter emitter;
    private final BlockingQueue<Item> queue;
    private final Consumer<Subscriber> onClose;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;

    /** {@code timeout}: until the stream ends, at the latest when the caller's token expires. */
    Subscriber(
            String tenant, String user, UUID projectId, Duration timeout, int queueSize, Consumer<Subscriber> onClose) {
        this.tenant = tenant;
        this.user = user;
        this.projectId = projectId;
        this.emitter = new SseEmitter(timeout.toMillis());
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.onClose = onClose;
        emitter.onCompletion(this::closed);
        emitter.onTimeout(this::complete);
        emitter.onError(e -> closed());
    }

    String tenant() {
        return tenant;
    }

    String user() {
        return user;
    }

    UUID projectId() {
        return projectId;
    }

    SseEmitter emitter() {
        return emitter;
    }

    void start() {
        Thread.ofVirtual().name("sse-" + projectId).start(this::drain);
    }

    /** Queues an item; a client whose queue is full is disconnected (it can reconnect and read the timeline). */
    void offer(Item item) {
        if (!closed && !queue.offer(item)) {
            complete();
        }
    }

    void complete() {
        if (!closed) {
            closed();
            emitter.complete();
        }
    }

    /** Once only, whichever of the client, the timeout or the server closes it first. */
    private void closed() {
        if (closing.compareAndSet(false, true)) {
            closed = true;
            onClose.accept(this);
        }
    }

    private void drain() {
        try {
            while (!closed) {
                Item item = queue.poll(500, TimeUnit.MILLISECONDS);
                if (item != null) {
                    emitter.send(event(item));
                }
            }
        } catch (IOException | IllegalStateException gone) {
            // the client went away (or the emitter completed): nothing more to write
            closed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            complete();
        }
    }

    private static SseEmitter.SseEventBuilder event(Item item) {
        if (item.name() == null) {
            return SseEmitter.event().comment(item.data().toString());
        }
        var event = SseEmitter.event().name(item.name());
        if (item.id() != null) {
            event.id(item.id());
        }
        return item.type() == null ? event.data(item.data()) : event.data(item.data(), item.type());
    }
}
