package dev.berrys.model.routing;

import static java.util.Objects.requireNonNull;

import dev.berrys.model.catalog.ModelRoute;
import dev.berrys.model.chat.ChatCall;
import dev.berrys.model.chat.ChatDelta;
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
import java.util.Objects;
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
 * What a failure means (worth another try, a sign of the provider's health, a failed answer rather than an
 * outage) is its {@link UpstreamException.Kind}'s to say; no provider, the simulated one included, is
 * treated apart.
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
        Run run = new Run(call, sink, System.nanoTime() + budget.toNanos());
        for (ModelRoute route : candidates) {
            Routed answered = run.tryModel(route);
            if (answered != null) {
                return answered;
            }
        }
        throw run.everyCandidateFailed();
    }

    /**
     * One call on its way along the candidates: its deadline, every attempt so far, and whether a stream has
     * started (then no other try may follow). As a stream it passes the sink's deltas on and notes the start.
     */
    private final class Run implements ChatStream {
        private final ChatCall call;
        private final @Nullable ChatStream sink;
        private final long deadlineNanos;
        private final List<Attempt> attempts = new ArrayList<>();
        private boolean started;
        private boolean answerFailed;

        Run(ChatCall call, @Nullable ChatStream sink, long deadlineNanos) {
            this.call = call;
            this.sink = sink;
            this.deadlineNanos = deadlineNanos;
        }

        /** The model's answer, or null when it was skipped or failed every try (recorded in the attempts). */
        @Nullable
        Routed tryModel(ModelRoute route) {
            if (remainingMs() <= 0) {
                return skip(route, "call budget spent");
            }
            ProviderGuards.Guard guard = guards.of(route.provider());
            try {
                if (!guard.permits().tryAcquire(permitWaitMs(route), TimeUnit.MILLISECONDS)) {
                    return skip(route, "concurrency limit reached");
                }
                try {
                    return tryWithRetries(route, guard);
                } finally {
                    guard.permits().release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RoutingFailedException("interrupted", attempts, started, false);
            }
        }

        /**
         * Tries the model until it answers, its retries are spent or a failure is not worth another try. A
         * connection closed before any answer is tried again once, at once, and does not count as a retry.
         */
        private @Nullable Routed tryWithRetries(ModelRoute route, ProviderGuards.Guard guard)
                throws InterruptedException {
            int retries = route.provider().settings().retries();
            int retry = 0;
            boolean reconnected = false;
            while (true) {
                String notNow = whyNotTry(guard);
                if (notNow != null) {
                    return skip(route, notNow);
                }
                try {
                    return tryOnce(route, guard);
                } catch (UpstreamException e) {
                    if (started) {
                        throw new RoutingFailedException(e.getMessage(), attempts, true, answerFailed);
                    }
                    if (e.kind() == UpstreamException.Kind.CLOSED_BEFORE_ANSWER && !reconnected) {
                        reconnected = true;
                    } else if (retry < retries && e.retryable() && backoff(e, retry, remainingMs())) {
                        retry++;
                    } else {
                        return null;
                    }
                }
            }
        }

        private @Nullable String whyNotTry(ProviderGuards.Guard guard) {
            if (remainingMs() <= 0) {
                return "call budget spent";
            }
            return guard.breaker().tryAcquirePermission() ? null : "circuit open";
        }

        /** One request to the model: its answer, or the failure (recorded) thrown. */
        private Routed tryOnce(ModelRoute route, ProviderGuards.Guard guard) {
            long start = System.nanoTime();
            try {
                ChatResult result = ask(route);
                long nanos = System.nanoTime() - start;
                guard.breaker().onSuccess(nanos, TimeUnit.NANOSECONDS);
                stats.success(route.id(), nanos / 1_000_000);
                attempts.add(attempt(route, Attempt.Outcome.SUCCEEDED, null, nanos / 1_000_000));
                return new Routed(result, route, attempts);
            } catch (UpstreamException e) {
                failed(route, guard.breaker(), e, System.nanoTime() - start);
                throw e;
            }
        }

        private ChatResult ask(ModelRoute route) {
            // a client for every provider type
            ProviderClient client =
                    Objects.requireNonNull(clients.get(route.provider().type()));
            if (sink == null) {
                ChatResult result = client.complete(route, call);
                checkStructure(call, result);
                return result;
            }
            attempting(route);
            return client.stream(route, call, this);
        }

        private void failed(ModelRoute route, CircuitBreaker breaker, UpstreamException e, long nanos) {
            record(breaker, e, nanos);
            if (e.countsForCircuit()) {
                stats.failure(route.id());
            }
            attempts.add(attempt(route, Attempt.Outcome.FAILED, e.getMessage(), nanos / 1_000_000));
            answerFailed |= e.answerFailed();
            log.info(
                    "model {} at provider {} failed: {}",
                    route.name(),
                    route.provider().name(),
                    e.getMessage());
        }

        private @Nullable Routed skip(ModelRoute route, String reason) {
            attempts.add(attempt(route, Attempt.Outcome.SKIPPED, reason, 0));
            return null;
        }

        RoutingFailedException everyCandidateFailed() {
            return new RoutingFailedException(
                    attempts.isEmpty() ? "no model can serve this request" : "every candidate model failed",
                    attempts,
                    false,
                    answerFailed);
        }

        private long permitWaitMs(ModelRoute route) {
            return Math.min(route.provider().settings().timeout(), remainingMs());
        }

        private long remainingMs() {
            return (deadlineNanos - System.nanoTime()) / 1_000_000;
        }

        @Override
        public void delta(ChatDelta delta) {
            started = true;
            requireNonNull(sink).delta(delta);
        }

        @Override
        public void attempting(ModelRoute route) {
            requireNonNull(sink).attempting(route);
        }
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

    private static Attempt attempt(ModelRoute route, Attempt.Outcome outcome, @Nullable String detail, long millis) {
        return new Attempt(route.name(), route.provider().name(), outcome, detail, millis);
    }
}
