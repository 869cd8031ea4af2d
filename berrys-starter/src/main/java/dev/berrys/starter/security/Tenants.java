package dev.berrys.starter.security;

import dev.berrys.starter.events.EventContext;
import dev.berrys.starter.events.EventMetadata;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/** The tenant whose work is being done: from the event being handled, else from the caller's token. */
public final class Tenants {
    public static final String CLAIM = "tenant";
    private static final ScopedValue<String> BOUND = ScopedValue.newInstance();

    private Tenants() {}

    /** Runs work for {@code tenant} on this thread, e.g. a long task started after an event's commit. */
    public static void runAs(String tenant, Runnable work) {
        ScopedValue.where(BOUND, tenant).run(work);
    }

    /** Like {@link #runAs} with a result. */
    public static <T, X extends Throwable> T callAs(String tenant, ScopedValue.CallableOp<T, X> work) throws X {
        return ScopedValue.where(BOUND, tenant).call(work);
    }

    /** The tenant bound by {@link #runAs}, else the handled event's, else the caller token's. */
    public static Optional<String> current() {
        if (BOUND.isBound()) {
            return Optional.of(BOUND.get());
        }
        Optional<String> fromEvent = EventContext.current().map(EventMetadata::tenant);
        if (fromEvent.isPresent()) {
            return fromEvent;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Jwt jwt) {
            return Optional.ofNullable(jwt.getClaimAsString(CLAIM));
        }
        return Optional.empty();
    }

    /** The current tenant; fails where no event or token names one. */
    public static String require() {
        return current().orElseThrow(() -> new IllegalStateException("no tenant in the current context"));
    }
}
