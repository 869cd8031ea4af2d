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

    private Tenants() {}

    public static Optional<String> current() {
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
