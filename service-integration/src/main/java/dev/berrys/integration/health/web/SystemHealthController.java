package dev.berrys.integration.health.web;

import dev.berrys.starter.calls.Replicas;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/system/health}: every service's readiness, probed in parallel; a service given several
 * comma-separated URLs has one entry per replica ({@code replica} 1, 2 …, in the order of its setting).
 */
@RestController
class SystemHealthController {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final SystemProperties props;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    SystemHealthController(SystemProperties props) {
        this.props = props;
    }

    record ServiceHealth(String service, int replica, String status, long latencyMs) {}

    @GetMapping("/api/system/health")
    List<ServiceHealth> health() {
        List<CompletableFuture<ServiceHealth>> probes = props.services().entrySet().stream()
                .flatMap(e -> {
                    List<String> replicas = Replicas.parse(e.getValue());
                    return IntStream.range(0, replicas.size()).mapToObj(i -> probe(e.getKey(), i + 1, replicas.get(i)));
                })
                .toList();
        return probes.stream()
                .map(CompletableFuture::join)
                .sorted(Comparator.comparing(ServiceHealth::service).thenComparing(ServiceHealth::replica))
                .toList();
    }

    private CompletableFuture<ServiceHealth> probe(String service, int replica, String baseUrl) {
        long start = System.nanoTime();
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness"))
                .timeout(TIMEOUT)
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> new ServiceHealth(
                        service,
                        replica,
                        r.statusCode() == 200 ? "UP" : "DOWN",
                        (System.nanoTime() - start) / 1_000_000))
                .exceptionally(e ->
                        new ServiceHealth(service, replica, "UNREACHABLE", (System.nanoTime() - start) / 1_000_000));
    }
}
