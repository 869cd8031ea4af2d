package dev.berrys.model.routing;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * No candidate answered; {@code streamStarted} when part of an answer had already been sent;
 * {@code answerFailed} when a model did answer but its answer failed (not valid, not the schema, a failed
 * answer such as the simulated provider's on purpose): a failure of the work, not an outage.
 */
public class RoutingFailedException extends RuntimeException {
    private final List<Attempt> attempts;
    private final boolean streamStarted;
    private final boolean answerFailed;

    RoutingFailedException(String message, List<Attempt> attempts, boolean streamStarted, boolean answerFailed) {
        super(message, null, false, false);
        this.attempts = List.copyOf(attempts);
        this.streamStarted = streamStarted;
        this.answerFailed = answerFailed;
    }

    public boolean answerFailed() {
        return answerFailed;
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    public boolean streamStarted() {
        return streamStarted;
    }

    public @Nullable Attempt last() {
        return attempts.isEmpty() ? null : attempts.getLast();
    }
}
