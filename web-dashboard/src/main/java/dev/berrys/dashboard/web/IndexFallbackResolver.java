package dev.berrys.dashboard.web;

import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Resolves a static file when one exists and otherwise answers with {@code index.html}, so that a
 * client-side route such as {@code /projects/{id}} loads directly. Paths that look like files (they
 * have an extension) and paths owned by a server ({@code /actuator}, {@code /api}, {@code /v1}) are
 * not rewritten: they stay 404 rather than returning HTML where a caller expects something else.
 */
class IndexFallbackResolver extends PathResourceResolver {

    private static final List<String> SERVER_PREFIXES = List.of("actuator", "api/", "v1/", ".well-known/");

    @Override
    protected @Nullable Resource getResource(String resourcePath, Resource location) throws IOException {
        boolean directory = resourcePath.isEmpty() || resourcePath.endsWith("/");
        Resource requested = directory ? null : super.getResource(resourcePath, location);
        if (requested != null) {
            return requested;
        }
        if (!isClientRoute(resourcePath)) {
            return null;
        }
        return super.getResource("index.html", location);
    }

    static boolean isClientRoute(String path) {
        if (SERVER_PREFIXES.stream().anyMatch(path::startsWith)) {
            return false;
        }
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        return !lastSegment.contains(".");
    }
}
