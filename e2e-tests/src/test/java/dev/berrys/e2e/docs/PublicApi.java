package dev.berrys.e2e.docs;

import java.nio.file.Path;
import java.util.List;

/** The public API as read from the sources (the same list as docs/architecture.md): "METHOD /path" each. */
public final class PublicApi {
    private PublicApi() {}

    public static List<String> endpoints(Path root) {
        return new ApiCatalogue(root)
                .exposed.stream().map(e -> e.method() + " " + e.path()).toList();
    }
}
