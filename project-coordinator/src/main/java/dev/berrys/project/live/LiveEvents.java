package dev.berrys.project.live;

import dev.berrys.project.CoordinatorProperties;
import dev.berrys.project.project.ProjectView;
import dev.berrys.starter.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The clients following a project's events as Server-Sent Events, and the relay of each event read
 * from the streams to the clients of its project and tenant.
 */
@Component
public class LiveEvents implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

    private final Map<UUID, Set<Subscriber>> byProject = new ConcurrentHashMap<>();
    private final CoordinatorProperties.Live settings;
    private final JsonMapper json;
    private final StreamQuota quota;
    private volatile boolean running;

    LiveEvents(CoordinatorProperties props, JsonMapper json) {
        this.settings = props.live();
        this.json = json;
        this.quota = new StreamQuota(settings.maxPerUser(), settings.maxPerTenant());
    }

    /**
     * A stream of {@code project}'s events for {@code user} of {@code tenant}, opening with its current state
     * and closed when the caller's token expires ({@code tokenExpiresAt}, null: no expiry). A 429 where the
     * user or the tenant already holds as many streams as allowed.
     */
    public SseEmitter subscribe(String tenant, String user, @Nullable Instant tokenExpiresAt, ProjectView project) {
        if (!quota.tryAcquire(tenant, user)) {
            throw new ProblemException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-streams",
                    "Too many live event streams open (at most " + settings.maxPerUser() + " per user and "
                            + settings.maxPerTenant() + " per tenant); close one first.",
                    Map.of("maxPerUser", settings.maxPerUser(), "maxPerTenant", settings.maxPerTenant()));
        }
        Duration timeout = settings.timeout();
        if (tokenExpiresAt != null) {
            Duration untilExpiry = Duration.between(Instant.now(), tokenExpiresAt);
            if (untilExpiry.compareTo(timeout) < 0) {
                timeout = untilExpiry.isNegative() || untilExpiry.isZero() ? Duration.ofMillis(1) : untilExpiry;
            }
        }
        Subscriber subscriber;
        try {
            subscriber = new Subscriber(tenant, user, project.id(), timeout, settings.queueSize(), this::remove);
        } catch (RuntimeException e) {
            quota.release(tenant, user);
            throw e;
        }
        subscriber.offer(new Subscriber.Item("snapshot", null, project, MediaType.APPLICATION_JSON));
        byProject
                .computeIfAbsent(project.id(), id -> ConcurrentHashMap.newKeySet())
                .add(subscriber);
        subscriber.start();
        return subscriber.emitter();
    }

    boolean hasSubscribers() {
        return !byProject.isEmpty();
    }

    boolean hasSubscribers(UUID projectId) {
        return byProject.containsKey(projectId);
    }

    /** Relays one CloudEvent (its JSON as read from a stream) to the clients of its project. */
    void dispatch(String envelope) {
        try {
            JsonNode event = json.readTree(envelope);
            JsonNode projectId = event.path("data").path("projectId");
            if (!projectId.isString()) {
                return;
            }
            Set<Subscriber> subscribers = byProject.get(UUID.fromString(projectId.asString()));
            if (subscribers == null) {
                return;
            }
            String tenant = event.path("tenant").asString("");
            var item = new Subscriber.Item(
                    event.path("type").asString("event"), event.path("id").asString(null), envelope, null);
            subscribers.stream().filter(s -> s.tenant().equals(tenant)).forEach(s -> s.offer(item));
        } catch (JacksonException | IllegalArgumentException e) {
            log.debug("not relayed, not a Berrys event: {}", e.toString());
        }
    }

    @Scheduled(fixedRateString = "${berrys.project.live.keepalive:15s}")
    void keepalive() {
        var comment = Subscriber.Item.comment(" keepalive");
        byProject.values().forEach(set -> set.forEach(s -> s.offer(comment)));
    }

    int openStreams(String tenant) {
        return quota.open(tenant);
    }

    private void remove(Subscriber subscriber) {
        quota.release(subscriber.tenant(), subscriber.user());
        byProject.computeIfPresent(subscriber.projectId(), (id, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every stream before the web server's graceful shutdown would wait for them. */
    @Override
    public void stop() {
        running = false;
        byProject.values().forEach(set -> set.forEach(Subscriber::complete));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
