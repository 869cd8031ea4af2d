package dev.berrys.model.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.model.Api;
import dev.berrys.model.ModelIT;
import dev.berrys.starter.test.model.Answers;
import dev.berrys.starter.test.model.FakeModelServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Router overhead: the same chat completion sent straight to a local fake OpenAI server and through
 * Berrys' /v1 (validation, routing, circuit breaker, accounting row + event, metrics), p50 and p99; and
 * 1,000 streamed requests at once through Berrys. Not part of the build (name ends in Bench); run with
 * {@code benchmarks/router.sh [calls] [warmup] [streams]}.
 */
@ModelIT
class RouterOverheadBench {
    static final int WARMUP = Integer.getInteger("bench.warmup", 1_000);
    static final int CALLS = Integer.getInteger("bench.calls", 2_000);
    static final int STREAMS = Integer.getInteger("bench.streams", 1_000);

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    @Test
    void routerOverheadAndConcurrentStreams() throws Exception {
        try (var upstream = FakeModelServer.openAi()) {
            Api api = Api.ofNewTenant(port);
            var provider = api.post(
                    "/api/providers",
                    Map.of(
                            "name",
                            "bench",
                            "type",
                            "OPENAI_COMPATIBLE",
                            "baseUrl",
                            upstream.baseUrl(),
                            "apiKey",
                            "sk-bench",
                            "settings",
                            Map.of("maxConcurrency", 5_000, "timeoutMs", 60_000)));
            api.post(
                    "/api/models",
                    Map.of(
                            "providerId",
                            provider.json().get("id").asString(),
                            "name",
                            "bench-model",
                            "capabilities",
                            List.of("chat", "streaming"),
                            "inputPricePerMillion",
                            1,
                            "outputPricePerMillion",
                            2));
            String body = Api.JSON.writeValueAsString(Map.of(
                    "model",
                    "bench-model",
                    "messages",
                    List.of(Map.of("role", "user", "content", "Say something short."))));
            String streamBody = Api.JSON.writeValueAsString(Map.of(
                    "model",
                    "bench-model",
                    "stream",
                    true,
                    "messages",
                    List.of(Map.of("role", "user", "content", "Say something short."))));
            HttpRequest direct = request(upstream.baseUrl() + "/chat/completions", body, "sk-bench");
            HttpRequest routed = request("http://127.0.0.1:" + port + "/v1/chat/completions", body, api.token());

            for (int i = 0; i < WARMUP; i++) {
                send(direct);
                send(routed);
            }
            long[] directNanos = new long[CALLS];
            long[] routedNanos = new long[CALLS];
            for (int i = 0; i < CALLS; i++) {
                directNanos[i] = send(direct);
                routedNanos[i] = send(routed);
            }
            Arrays.sort(directNanos);
            Arrays.sort(routedNanos);
            System.out.printf(
                    "BENCH sequential calls=%d direct p50=%.2f ms p99=%.2f ms | through Berrys p50=%.2f ms p99=%.2f ms"
                            + " | overhead p50=%.2f ms p99=%.2f ms%n",
                    CALLS,
                    ms(directNanos, 0.50),
                    ms(directNanos, 0.99),
                    ms(routedNanos, 0.50),
                    ms(routedNanos, 0.99),
                    ms(routedNanos, 0.50) - ms(directNanos, 0.50),
                    ms(routedNanos, 0.99) - ms(directNanos, 0.99));

            upstream.always(Answers.slow(0));
            HttpRequest stream = request("http://127.0.0.1:" + port + "/v1/chat/completions", streamBody, api.token());
            HttpRequest directStream = request(upstream.baseUrl() + "/chat/completions", streamBody, "sk-bench");
            int streamCalls = Math.max(20, CALLS / 10);
            long[] directStreamNanos = new long[streamCalls];
            long[] routedStreamNanos = new long[streamCalls];
            for (int i = 0; i < streamCalls; i++) {
                directStreamNanos[i] = send(directStream);
                routedStreamNanos[i] = send(stream);
            }
            Arrays.sort(directStreamNanos);
            Arrays.sort(routedStreamNanos);
            System.out.printf(
                    "BENCH sequential streams=%d direct p50=%.2f ms p99=%.2f ms | through Berrys p50=%.2f ms p99=%.2f ms%n",
                    streamCalls,
                    ms(directStreamNanos, 0.50),
                    ms(directStreamNanos, 0.99),
                    ms(routedStreamNanos, 0.50),
                    ms(routedStreamNanos, 0.99));
            int directErrors = concurrentStreams("straight to the fake upstream", directStream);
            int errors = concurrentStreams("through Berrys", stream);
            assertThat(directErrors).isZero();
            assertThat(errors).isZero();
        }
    }

    /** {@link #STREAMS} streamed requests at once; how many failed. */
    private int concurrentStreams(String label, HttpRequest stream) throws Exception {
        var ready = new CountDownLatch(STREAMS);
        var go = new CountDownLatch(1);
        var errors = new AtomicInteger();
        long start;
        List<Future<Long>> results = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < STREAMS; i++) {
                results.add(executor.submit(() -> {
                    ready.countDown();
                    go.await();
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(stream, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200 || !r.body().endsWith("data: [DONE]\n\n")) {
                        errors.incrementAndGet();
                    }
                    return System.nanoTime() - t0;
                }));
            }
            ready.await();
            start = System.nanoTime();
            go.countDown();
        }
        long wall = System.nanoTime() - start;
        long[] each = new long[STREAMS];
        for (int i = 0; i < STREAMS; i++) {
            each[i] = results.get(i).get();
        }
        Arrays.sort(each);
        System.out.printf(
                "BENCH concurrent streams=%d %s errors=%d wall=%.0f ms per-stream p50=%.1f ms p99=%.1f ms"
                        + " throughput=%.0f streams/s%n",
                STREAMS, label, errors.get(), wall / 1e6, ms(each, 0.5), ms(each, 0.99), STREAMS / (wall / 1e9));
        return errors.get();
    }

    private HttpRequest request(String url, String body, String token) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private long send(HttpRequest request) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        long t = System.nanoTime() - t0;
        if (r.statusCode() != 200) {
            throw new IllegalStateException("status " + r.statusCode() + ": " + r.body());
        }
        return t;
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
    }
}
