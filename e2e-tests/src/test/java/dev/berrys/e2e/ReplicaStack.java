package dev.berrys.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The gateway, the dashboard and two replicas of each of the six other services (14 JVMs) on one database
 * and one Redis namespace, each backend reached through both of its URLs (comma-separated
 * {@code BERRYS_*_URL}). Ports: the suite's base plus 100 (gateway), plus 1 … 6 for the first replicas,
 * plus 11 … 16 for the second ones, plus 7 (dashboard); database {@code BERRYS_E2E_DB} + {@code _replicas}.
 * Each replica is named by {@code BERRYS_INSTANCE_ID}: {@code <service>-1}, {@code <service>-2}.
 */
final class ReplicaStack implements AutoCloseable {
    static final List<String> BACKENDS = Stack.SERVICES.subList(1, 7);
    static final String DB = Stack.DB + "_replicas";
    private static final int BASE = Integer.parseInt(System.getenv().getOrDefault("BERRYS_E2E_PORT", "18080")) + 100;
    private static final Path LOGS = Stack.logs().resolve("replicas");

    private final Map<String, Process> processes = new LinkedHashMap<>();

    static String baseUrl() {
        return "http://127.0.0.1:" + BASE;
    }

    static int port(String service, int replica) {
        int index = Stack.SERVICES.indexOf(service);
        return BASE + index + (replica == 2 ? 10 : 0);
    }

    private static String urls(String service) {
        return "http://127.0.0.1:" + port(service, 1) + ",http://127.0.0.1:" + port(service, 2);
    }

    void start(Duration timeout) throws Exception {
        recreateDatabase();
        Files.createDirectories(LOGS);
        // also when the test JVM is stopped before @AfterAll
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        Map<String, String> env = new LinkedHashMap<>(Stack.environment());
        env.put("BERRYS_DB_URL", Stack.jdbcUrl(DB));
        env.put("BERRYS_DB_POOL_SIZE", "4");
        env.put("BERRYS_JWKS_URI", baseUrl() + "/.well-known/jwks.json");
        env.put("BERRYS_GATEWAY_URL", baseUrl());
        env.put("BERRYS_PROJECT_URL", urls("project-coordinator"));
        env.put("BERRYS_PLANNING_URL", urls("planning-system"));
        env.put("BERRYS_AGENT_URL", urls("agent-orchestrator"));
        env.put("BERRYS_MODEL_URL", urls("model-orchestration"));
        env.put("BERRYS_TOOL_URL", urls("tool-integration"));
        env.put("BERRYS_WORKFLOW_URL", urls("service-integration"));
        env.put("BERRYS_DASHBOARD_URL", "http://127.0.0.1:" + port("web-dashboard", 1));
        // a killed replica's work is taken over within seconds rather than minutes
        env.put("BERRYS_AGENT_LEASE", "10s");
        env.put("BERRYS_AGENT_RECOVERY_INTERVAL", "3s");
        env.put("BERRYS_TOOL_IDEMPOTENCY_LEASE", "20s");
        env.put("BERRYS_MODEL_CALL_BUDGET", "20s");
        env.put("BERRYS_TASK_STALL_TIMEOUT", "60s");
        // slow enough that a project is still running when replicas are killed
        env.put("BERRYS_SIMULATED_LATENCY_MS", "1500");
        // the gateway first: the services get their tokens from it
        launch("api-gateway", 1, env);
        for (String service : BACKENDS) {
            launch(service, 1, env);
            launch(service, 2, env);
        }
        launch("web-dashboard", 1, env);
        awaitReady(timeout);
    }

    private void launch(String service, int replica, Map<String, String> env) throws IOException {
        Path jar = Stack.root().resolve(service).resolve("target").resolve(service + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw package first");
        }
        String name = service + "-" + replica;
        var pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC",
                        "-Xss512k",
                        "-Xms32m",
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        pb.environment().put("SERVER_PORT", Integer.toString(port(service, replica)));
        pb.environment().put("BERRYS_INSTANCE_ID", name);
        processes.put(name, pb.start());
    }

    /** {@code kill -9} of one replica. */
    void kill(String name) throws InterruptedException {
        Process p = processes.get(name);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        List<String> pending = new ArrayList<>(processes.keySet());
        while (!pending.isEmpty()) {
            for (var e : processes.entrySet()) {
                if (!e.getValue().isAlive()) {
                    throw new IllegalStateException(e.getKey() + " exited during start-up:\n" + tail(e.getKey()));
                }
            }
            pending.removeIf(name -> ready(http, name));
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not ready in time: " + pending + "\n"
                        + pending.stream().map(n -> "--- " + n + "\n" + tail(n)).collect(Collectors.joining("\n")));
            }
            Thread.sleep(1_000);
        }
    }

    private static boolean ready(HttpClient http, String name) {
        int dash = name.lastIndexOf('-');
        int port = port(name.substring(0, dash), Integer.parseInt(name.substring(dash + 1)));
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String tail(String name) {
        try {
            List<String> lines = Files.readAllLines(LOGS.resolve(name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Lines of a replica's log that mention {@code text}. */
    static long logLines(String name, String text) throws IOException {
        try (var lines = Files.lines(LOGS.resolve(name + ".log"))) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }

    static List<String> replicaNames(String service) {
        return IntStream.rangeClosed(1, 2).mapToObj(i -> service + "-" + i).toList();
    }

    private static void recreateDatabase() throws SQLException {
        try (var c = DriverManager.getConnection(Stack.jdbcUrl("postgres"), "postgres", "");
                var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DB);
        }
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
