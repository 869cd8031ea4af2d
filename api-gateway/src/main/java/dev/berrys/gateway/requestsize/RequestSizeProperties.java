package dev.berrys.gateway.requestsize;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body the gateway passes on: {@code max} ({@code BERRYS_MAX_REQUEST_SIZE}) unless one
 * of {@code routes} (first match wins) allows more for its paths. The services hold the same limits.
 */
@ConfigurationProperties("berrys.request-size")
record RequestSizeProperties(
        @DefaultValue("1MB") DataSize max, @DefaultValue List<Route> routes) {
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    record Route(List<String> paths, DataSize max) {}

    long limitFor(String path) {
        for (Route route : routes) {
            if (route.paths().stream().anyMatch(p -> PATHS.match(p, path))) {
                return route.max().toBytes();
            }
        }
        return max.toBytes();
    }
}
