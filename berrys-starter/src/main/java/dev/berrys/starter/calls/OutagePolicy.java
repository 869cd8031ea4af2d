package dev.berrys.starter.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one policy for calls to other services and dependencies: a failure that {@link Outages} calls an
 * outage is tried again after a capped exponential backoff with jitter, for as long as the outage
 * tolerance, and is never counted as an attempt of the work; any other failure goes to the caller at
 * once. The wait is a {@link Thread#sleep} on the caller's (virtual) thread, which frees its carrier.
 */
public class OutagePolicy {
    private static final Logger log = LoggerFactory.getLogger(OutagePolicy.class);

    /** How much longer than model-orchestration's own budget a caller waits for a model answer. */
    public static final Duration MARGIN = Duration.ofSeconds(30);

    private final OutageProperties props;
    private final Clock clock;

    public OutagePolicy(OutageProperties props) {
        this(props, Clock.systemUTC());
    }

    OutagePolicy(OutageProperties props, Clock clock) {
        this.props = props;
        this.clock = clock;
    }

    /** One try of a call; a thrown outage is tried again, anything else is the caller's. */
    @FunctionalInterface
    public interface Call<T extends @Nullable Object> {
        T run();
    }

    /** Told when a call starts waiting for its dependency and when it got through after waiting. */
    public interface Waiting {
        /** The first failed try of an outage: {@code reason} names the dependency and the cause. */
        default void started(String reason, Instant since) {}

        /** The call got through after waiting. */
        default void ended() {}

        Waiting NONE = new Waiting() {};
    }

    /** The dependency stayed unavailable for longer than the tolerance. */
    public static final class OutageOutlasted extends RuntimeException {
        private final Instant since;

        OutageOutlasted(String reason, Instant since, Throwable cause) {
            super(reason, cause);
            this.since = since;
        }

        /** The message it was made with, never null (NullAway takes {@link Throwable#getMessage()} as nullable). */
        @Override
        public String getMessage() {
            return Objects.requireNonNull(super.getMessage());
        }

        public Instant since() {
            return since;
        }
    }

    public Duration tolerance() {
        return props.tolerance();
    }

    /** The longest model-orchestration works on one chat call, every retry and fallback included. */
    public Duration modelCallBudget() {
        return props.modelCallBudget();
    }

    /**
     * A caller's read timeout for a chat call: longer than model-orchestration's budget, so that a call is
     * never sent again while its first try is still being worked on.
     */
    public Duration modelReadTimeout() {
        return props.modelCallBudget().plus(MARGIN);
    }

    /** The wait after the {@code failedTries}-th failed try (from 1): doubled each time, capped, ±25 % jitter. */
    public Duration backoff(int failedTries) {
        return backoff(failedTries, ThreadLocalRandom.current().nextDouble());
    }

    Duration backoff(int failedTries, double random) {
        long first = props.firstBackoff().toMillis();
        long doubled = first << Math.min(20, Math.max(0, failedTries - 1));
        long capped = Math.min(doubled, props.maxBackoff().toMillis());
        return Duration.ofMillis(Math.round(capped * (0.75 + 0.5 * random)));
    }

    /** {@link #call(String, Instant, Waiting, Call)} of a call that was not waiting before. */
    public <T extends @Nullable Object> T call(String dependency, Waiting waiting, Call<T> call)
            throws InterruptedException {
        return call(dependency, null, waiting, call);
    }

    /**
     * Runs {@code call} until it returns or fails for a reason that is not an outage (thrown as is). While
     * {@code dependency} is unavailable it waits and tries again; when it has been unavailable for the
     * whole tolerance since {@code waitingSince} (a wait begun before a restart) or since the first failed
     * try, throws {@link OutageOutlasted}. Throws {@link InterruptedException} when the thread is
     * interrupted (the work was cancelled, or the service stops).
     */
    public <T extends @Nullable Object> T call(
            String dependency, @Nullable Instant waitingSince, Waiting waiting, Call<T> call)
            throws InterruptedException {
        @Nullable Instant since = waitingSince;
        boolean waited = waitingSince != null;
        int failed = 0;
        while (true) {
            try {
                T result = call.run();
                if (waited) {
                    log.info("{} is available again", dependency);
                    waiting.ended();
                }
                return result;
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("interrupted while calling " + dependency);
                }
                if (!Outages.isOutage(e)) {
                    throw e;
                }
                Instant now = clock.instant();
                String reason = dependency + " unavailable: " + Outages.describe(e);
                if (since == null) {
                    since = now;
                }
                if (!waited) {
                    waited = true;
                    log.warn("{}; waiting up to {} for it", reason, props.tolerance());
                    waiting.started(reason, since);
                }
                Duration left = props.tolerance().minus(Duration.between(since, now));
                if (left.isNegative() || left.isZero()) {
                    throw new OutageOutlasted(
                            reason + " for longer than the outage tolerance (" + props.tolerance() + ")", since, e);
                }
                Duration pause = backoff(++failed);
                Thread.sleep(pause.compareTo(left) < 0 ? pause : left);
            }
        }
    }
}
