package dev.berrys.model.budget;

import com.sun.net.httpserver.HttpServer;
import dev.berrys.model.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * project-coordinator's {@code GET /api/projects/{id}} as budgets ask it: 200 where the project is the
 * tenant's named by the bearer token, 404 otherwise (as the real service answers another tenant's project).
 */
final class FakeProjects {
    private final HttpServer server;
    private final Map<UUID, String> tenants = new ConcurrentHashMap<>();

    private FakeProjects(HttpServer server) {
        this.server = server;
    }

    static FakeProjects start() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            var fake = new FakeProjects(server);
            server.createContext("/api/projects/", exchange -> {
                try (exchange) {
                    String id = exchange.getRequestURI().getPath().substring("/api/projects/".length());
                    String tenant = tenantOf(exchange.getRequestHeaders().getFirst("Authorization"));
                    boolean theirs = tenant != null && tenant.equals(fake.tenants.get(UUID.fromString(id)));
                    byte[] body =
                            (theirs ? "{\"id\":\"" + id + "\"}" : "{\"status\":404}").getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(theirs ? 200 : 404, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void register(UUID project, String tenant) {
        tenants.put(project, tenant);
    }

    private static String tenantOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return Api.JSON.readTree(claims).path("tenant").asString(null);
    }
}
