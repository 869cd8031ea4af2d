package dev.berrys.model.routing;

import dev.berrys.model.catalog.ModelRoute;
import dev.berrys.model.chat.ChatCall;
import dev.berrys.model.chat.ChatResult;
import dev.berrys.model.chat.ChatStream;
import dev.berrys.model.upstream.ProviderClient;
import dev.berrys.model.upstream.UpstreamException;
import dev.berrys.starter.calls.OutagePolicy;
import dev.berrys.starter.schema.JsonSchemas;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a call along its candidates. Per model: the provider's circuit must let it through and a
 * concurrency permit must come within the timeout; a 429, 5xx, timeout or lost connection is retried
 * with exponential backoff and jitter (at least the {@code Retry-After} the provider asked for); then
 * the next candidate. A stream that has started cannot move to another model. The whole call, every
 * retry and candidate included, stays within {@code BERRYS_MODEL_CALL_BUDGET}: no try and no backoff
 * starts past it, so a caller's read timeout (the budget plus a margin) never cuts a call still running.
 */
@Component
public class ChatExecutor {
    private static final Logger log = LoggerFactory.getLogger(ChatExecutor.class);
    static final long BASE_BACKOFF_MS = 100;
    static final long MAX_BACKOFF_MS = 4_000;
    /** A longer Retry-After is not waited for: the next model is tried. */
    static final long MAX_RETRY_AFTER_MS = 10_000;

    private final Map<dev.berrys.model.catalog.ProviderType, ProviderClient> clients;
    private final ProviderGuards guards;
    private final ModelStats stats;
    private final JsonSchemas schemas;
    private final Duration budget;

    ChatExecutor(
            List<ProviderClient> clients,
            ProviderGuards guards,
            ModelStats stats,
            JsonSchemas schemas,
            OutagePolicy outages) {
        this.schemas = schemas;
        this.budget = outages.modelCallBudget();
        this.clients = clients.stream().collect(Collectors.toMap(ProviderClient::type, Function.identity()));
        this.guards = guards;
        this.stats = stats;
    }

    /** What answered and every attempt on the way. */
    public record Routed(ChatResult result, ModelRoute route, List<Attempt> attempts) {}

    public Routed execute(List<ModelRoute> candidates, ChatCall call, @Nullable ChatStream sink) {
        return execute(candidates, call, sink, budget);
    }

    Routed execute(List<ModelRoute> candidates, ChatCall call, @Nullable ChatStream sink, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        boolean answerFailed = false;
        boolean simulatedFailure = false;
        List<Attempt> attempts = new ArrayList<>();
        var started = new boolean[1];
        ChatStream tracking = sink == null
                ? null
                : new ChatStream() {
                    @Override
                    public void delta(dev.berrys.model.chat.ChatDelta delta) {
                        started[0] = true;
                        sink.delta(delta);
                    }

                    @Override
                    public void attempting(ModelRoute route) {
                        sink.attempting(route);
                    }
                };
        for (ModelRoute route : candidates) {
            ProviderGuards.Guard guard = guards.of(route.provider());
            ProviderClient client = clients.get(route.provider().type());
            int retries = route.provider().settings().retries();
            boolean permitted = false;
            boolean reconnected = false;
            if (remainingMs(deadline) <= 0) {
                attempts.add(skipped(route, "call budget spent"));
                continue;
            }
            try {
                if (!guard.permits()
                        .tryAcquire(
                                Math.min(route.provider().settings().timeout(), remainingMs(deadline)),
                                TimeUnit.MILLISECONDS)) {
                    attempts.add(skipped(route, "concurrency limit reached"));
                    continue;
                }
                permitted = true;
                for (int attempt = 0; attempt <= retries; attempt++) {
                    if (remainingMs(deadline) <= 0) {
                        attempts.add(skipped(route, "call budget spent"));
                        break;
                    }
                    if (!guard.breaker().tryAcquirePermission()) {
                        attempts.add(skipped(route, "circuit open"));
                        break;
                    }
                    long start = System.nanoTime();
                    try {
                        if (tracking != null) {
                            tracking.attempting(route);
                        }
                        ChatResult result =
                                tracking == null ? client.complete(route, call) : client.stream(route, call, tracking);
                        if (tracking == null) {
                            checkStructure(call, result);
                        }
                        long nanos = System.nanoTime() - start;
                        guard.breaker().onSuccess(nanos, TimeUnit.NANOSECONDS);
                        stats.success(route.id(), nanos / 1_000_000);
                        attempts.add(new Attempt(
                                route.name(), route.provider().name(), Attempt.SUCCEEDED, null, nanos / 1_000_000));
                        return new Routed(result, route, attempts);
                    } catch (UpstreamException e) {
                        long nanos = System.nanoTime() - start;
                        record(guard.breaker(), e, nanos);
                        if (e.countsForCircuit()) {
                            stats.failure(route.id());
                        }
                        attempts.add(new Attempt(
                                route.name(),
                                route.provider().name(),
                                Attempt.FAILED,
                                e.getMessage(),
                                nanos / 1_000_000));
                        answerFailed |= e.kind() == UpstreamException.Kind.MALFORMED
                                || e.kind() == UpstreamException.Kind.SIMULATED_FAILURE;
                        log.info(
                                "model {} at provider {} failed: {}",
                                route.name(),
                                route.provider().name(),
                                e.getMessage());
                        simulatedFailure |= e.kind() == UpstreamException.Kind.SIMULATED_FAILURE;
                        if (started[0]) {
                            throw new RoutingFailedException(
                                    e.getMessage(), attempts, simulatedFailure, true, answerFailed);
                        }
                        if (e.kind() == UpstreamException.Kind.CLOSED_BEFORE_ANSWER && !reconnected) {
                            reconnected = true; // once per model, at once, and not one of its retries
                            attempt--;
                            continue;
                        }
                        // the simulated provider's failure stands for a flaky answer: tried again like a 5xx
                        boolean again = e.retryable() || e.kind() == UpstreamException.Kind.SIMULATED_FAILURE;
                        if (!again || attempt == retries || !backoff(e, attempt, remainingMs(deadline))) {
                            break;
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RoutingFailedException("interrupted", attempts, false, started[0], false);
            } finally {
                if (permitted) {
                    guard.permits().release();
                }
            }
        }
        throw new RoutingFailedException(
                attempts.isEmpty() ? "no model can serve this request" : "every candidate model failed",
                attempts,
                simulatedFailure,
                false,
                answerFailed);
    }

    private static long remainingMs(long deadlineNanos) {
        return (deadlineNanos - System.nanoTime()) / 1_000_000;
    }

    private void checkStructure(ChatCall call, ChatResult result) {
        var schema = call.request().jsonSchema();
        if (schema != null
                && schema.schema() != null
                && result.content() != null
                && result.toolCalls().isEmpty()) {
            List<String> violations;
            try {
                violations = schemas.validate(schema.schema(), result.content()).stream()
                        .map(JsonSchemas.Violation::message)
                        .toList();
            } catch (IllegalArgumentException e) {
                violations = List.of("the schema cannot be used");
            }
            if (!violations.isEmpty()) {
                throw new UpstreamException(
                        UpstreamException.Kind.MALFORMED,
                        200,
                        "answer does not match the JSON schema: "
                                + String.join("; ", violations.subList(0, Math.min(3, violations.size()))));
            }
        }
    }

    private static void record(CircuitBreaker breaker, UpstreamException e, long nanos) {
        if (e.countsForCircuit()) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, e);
        } else {
            breaker.releasePermission();
        }
    }

    /**
     * Sleeps before the next try; false where the provider asks for a longer wait than is worth it or the
     * wait would end past the call's budget.
     */
    private static boolean backoff(UpstreamException e, int attempt, long remainingMs) throws InterruptedException {
        long exponential = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS << attempt);
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        Duration retryAfter = e.retryAfter();
        long wait = jittered;
        if (retryAfter != null) {
            if (retryAfter.toMillis() > MAX_RETRY_AFTER_MS) {
                return false;
            }
            wait = Math.max(retryAfter.toMillis(), jittered);
        }
        if (wait >= remainingMs) {
            return false;
        }
        Thread.sleep(wait);
        return true;
    }

    private static Attempt skipped(ModelRoute route, String reason) {
        return new Attempt(route.name(), route.provider().name(), Attempt.SKIPPED, reason, 0);
    }
}
