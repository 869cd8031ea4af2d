package dev.berrys.starter.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body a service reads: {@code max} unless one of {@code routes} (first match wins)
 * allows more for its paths. A larger body is refused with a 413 ProblemDetail before any of it is stored.
 *
 * @param max the default limit ({@code BERRYS_MAX_REQUEST_SIZE})
 * @param routes path patterns ({@code /v1/**}) with a limit of their own
 */
@ConfigurationProperties("berrys.request-size")
public record RequestSizeProperties(
        @DefaultValue("1MB") DataSize max, @DefaultValue List<Route> routes) {
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    /** Paths that take a limit other than the default. */
    public record Route(List<String> paths, DataSize max) {}

    /** The limit of a request to {@code path}. */
    public DataSize limitFor(String path) {
        for (Route route : routes) {
            if (route.paths().stream().anyMatch(p -> PATHS.match(p, path))) {
                return route.max();
            }
        }
        return max;
    }
}
