package dev.berrys.starter.events;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Carries W3C {@code traceparent} from the publishing span into the envelope and back out on consume. */
final class TraceHeaders {
    private final @Nullable Tracer tracer;
    private final @Nullable Propagator propagator;

    TraceHeaders(@Nullable Tracer tracer, @Nullable Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Nullable
    String currentTraceparent() {
        if (tracer == null || propagator == null) {
            return null;
        }
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, (ignored, key, value) -> carrier.put(key, value));
        return carrier.get("traceparent");
    }

    <T> T inConsumerSpan(@Nullable String traceparent, String name, Supplier<T> work) {
        if (tracer == null || propagator == null) {
            return work.get();
        }
        Span.Builder builder = traceparent == null
                ? tracer.spanBuilder()
                : propagator.extract(Map.of("traceparent", traceparent), Map::get);
        Span span = builder.name(name).kind(Span.Kind.CONSUMER).start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
