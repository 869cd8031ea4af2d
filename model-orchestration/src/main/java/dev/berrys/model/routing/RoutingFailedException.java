package dev.berrys.model.routing;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** No candidate answered; {@code streamStarted} when part of an answer had already been sent. */
public class RoutingFailedException extends RuntimeException {
    private final List<Attempt> attempts;
    private final boolean simulatedFailure;
    private final boolean streamStarted;

    RoutingFailedException(String message, List<Attempt> attempts, boolean simulatedFailure, boolean streamStarted) {
        super(message, null, false, false);
        this.attempts = List.copyOf(attempts);
        this.simulatedFailure = simulatedFailure;
        this.streamStarted = streamStarted;
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    public boolean simulatedFailure() {
        return simulatedFailure;
    }

    public boolean streamStarted() {
        return streamStarted;
    }

    public @Nullable Attempt last() {
        return attempts.isEmpty() ? null : attempts.getLast();
    }
}
