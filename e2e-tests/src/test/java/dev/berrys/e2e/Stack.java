package dev.berrys.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The eight built jars as separate processes on ports of their own (base {@code BERRYS_E2E_PORT}, 18080 by
 * default), against a fresh database ({@code BERRYS_E2E_DB}, {@code berrys_e2e} by default) and a Redis namespace of their own, so a stack
 * started with {@code ./berrys up} on the same machine is not disturbed. Started once for the whole
 * suite, stopped when the JVM ends.
 */
public final class Stack implements BeforeAllCallback {
    static final List<String> SERVICES = List.of(
            "api-gateway",
            "project-coordinator",
            "planning-system",
            "agent-orchestrator",
            "model-orchestration",
            "tool-integration",
            "service-integration",
            "web-dashboard");
    static final String DB = System.getenv().getOrDefault("BERRYS_E2E_DB", "berrys_e2e");

    private static final int BASE_PORT = Integer.parseInt(System.getenv().getOrDefault("BERRYS_E2E_PORT", "18080"));
    private static final Path ROOT =
            Path.of(System.getProperty("berrys.root", "..")).toAbsolutePath().normalize();
    private static final Path LOGS = ROOT.resolve(
            "e2e-tests/target/stack-logs" + (Boolean.getBoolean("berrys.e2e.private-infra") ? "-faults" : ""));
    private static final String ADMIN_PASSWORD = randomSecret(18);
    /**
     * The fault-injection suite's stack: a PostgreSQL and a Redis of its own ({@link PrivateInfra}), which it
     * restarts, and short reconciler intervals. Set by its own surefire execution.
     */
    static final boolean PRIVATE_INFRA = Boolean.getBoolean("berrys.e2e.private-infra");

    private static final String SERVICE_CLIENT_SECRET = randomSecret(32);
    private static final String ENCRYPTION_KEY = Base64.getEncoder().encodeToString(randomBytes(32));
    /**
     * A platform key for an OpenAI-compatible provider configured from the environment ({@code OPENAI_API_KEY}),
     * with no models (so no call is ever routed to it): the security suite checks that no tenant can re-point
     * it or read it. Never sent anywhere.
     */
    private static final String PLATFORM_PROVIDER_KEY = "sk-e2e-" + randomSecret(24);
    /** The tenants the services' client may get tokens for ({@code BERRYS_SERVICE_CLIENT_TENANTS}). */
    static final List<String> SERVED_TENANTS = List.of("default", "sec-a", "sec-b");

    private static final List<Process> processes = new ArrayList<>();
    private static Map<String, String> env;
    private static volatile boolean started;

    static String baseUrl() {
        return "http://127.0.0.1:" + BASE_PORT;
    }

    static String adminPassword() {
        return ADMIN_PASSWORD;
    }

    static String serviceClientSecret() {
        return SERVICE_CLIENT_SECRET;
    }

    static String encryptionKey() {
        return ENCRYPTION_KEY;
    }

    static String platformProviderKey() {
        return PLATFORM_PROVIDER_KEY;
    }

    static Path logs() {
        return LOGS;
    }

    static Path root() {
        return ROOT;
    }

    static String namespace() {
        return env.get("BERRYS_EVENTS_NAMESPACE");
    }

    static int basePort() {
        return BASE_PORT;
    }

    static int port(String service) {
        return BASE_PORT + SERVICES.indexOf(service);
    }

    static String jdbcUrl(String db) {
        if (PRIVATE_INFRA) {
            return PrivateInfra.jdbcBase() + db;
        }
        return System.getenv().getOrDefault("BERRYS_E2E_PG", "jdbc:postgresql://127.0.0.1:5432/") + db;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    static synchronized void start() throws Exception {
        if (started) {
            return;
        }
        if (PRIVATE_INFRA) {
            PrivateInfra.start();
        }
        recreateDatabase();
        Files.createDirectories(LOGS);
        env = environment();
        for (String service : SERVICES) {
            processes.add(launch(service));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(Stack::stop));
        awaitReady(startTimeout());
        started = true;
    }

    static Duration startTimeout() {
        return Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BERRYS_E2E_START_TIMEOUT", "900")));
    }

    /** Kills a service as {@code kill -9} does (SIGKILL: no shutdown hook, nothing flushed). */
    static synchronized void kill(String service) throws InterruptedException {
        Process p = processes.get(SERVICES.indexOf(service));
        p.destroyForcibly();
        p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Starts a killed service again with the same settings and waits until it is ready. */
    static synchronized void restart(String service) throws Exception {
        processes.set(SERVICES.indexOf(service), launch(service));
        awaitReady(startTimeout());
    }

    private static Process launch(String service) throws IOException {
        Path jar = ROOT.resolve(service).resolve("target").resolve(service + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw package first");
        }
        var pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC",
                        "-Xss512k",
                        "-Xmx512m",
                        // as ./berrys runs them: C1 only, which halves the CPU of eight starting together
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        LOGS.resolve(service + ".log").toFile()));
        pb.environment().putAll(env);
        pb.environment().put("SERVER_PORT", Integer.toString(port(service)));
        return pb.start();
    }

    static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BERRYS_DB_URL", jdbcUrl(DB));
        env.put("BERRYS_DB_USER", System.getenv().getOrDefault("BERRYS_E2E_DB_USER", "postgres"));
        env.put("BERRYS_EVENTS_NAMESPACE", "e2e-" + UUID.randomUUID() + ":");
        env.put("BERRYS_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("BERRYS_SERVICE_CLIENT_SECRET", SERVICE_CLIENT_SECRET);
        env.put("BERRYS_SERVICE_CLIENT_TENANTS", String.join(",", SERVED_TENANTS));
        env.put("OPENAI_API_KEY", PLATFORM_PROVIDER_KEY);
        env.put("OPENAI_MODELS", "");
        // SecurityE2EIT's API-key budget test needs a priced model a tenant registers itself (the simulated model's
        // calls cost nothing): its fake OpenAI-compatible server listens on 127.0.0.2, the one loopback address a
        // tenant's provider may name here; 127.0.0.1, localhost, private and metadata addresses stay refused
        env.put("BERRYS_MODEL_PROVIDER_ALLOWLIST", "127.0.0.2/32");
        env.put("BERRYS_SIMULATED_ENABLED", "true");
        env.put("BERRYS_ENCRYPTION_KEY", ENCRYPTION_KEY);
        env.put("BERRYS_JWKS_URI", baseUrl() + "/.well-known/jwks.json");
        env.put("BERRYS_GATEWAY_URL", baseUrl());
        env.put("BERRYS_PROJECT_URL", "http://127.0.0.1:" + port("project-coordinator"));
        env.put("BERRYS_PLANNING_URL", "http://127.0.0.1:" + port("planning-system"));
        env.put("BERRYS_AGENT_URL", "http://127.0.0.1:" + port("agent-orchestrator"));
        env.put("BERRYS_MODEL_URL", "http://127.0.0.1:" + port("model-orchestration"));
        env.put("BERRYS_TOOL_URL", "http://127.0.0.1:" + port("tool-integration"));
        env.put("BERRYS_WORKFLOW_URL", "http://127.0.0.1:" + port("service-integration"));
        env.put("BERRYS_DASHBOARD_URL", "http://127.0.0.1:" + port("web-dashboard"));
        env.put("BERRYS_SIMULATED_LATENCY_MS", System.getenv().getOrDefault("BERRYS_E2E_LATENCY_MS", "300"));
        env.put("BERRYS_RATE_LIMIT_RPS", "1000");
        env.put("BERRYS_RATE_LIMIT_BURST", "2000");
        env.put("BERRYS_LOG_FORMAT", "plain");
        if (PRIVATE_INFRA) {
            env.put("BERRYS_REDIS_HOST", "127.0.0.1");
            env.put("BERRYS_REDIS_PORT", Integer.toString(PrivateInfra.REDIS_PORT));
            // recovery is what this stack is for: the reconcilers look often
            env.put("BERRYS_TASK_RECONCILE_POLL_MS", "2000");
            env.put("BERRYS_TASK_STALL_TIMEOUT", "60s");
            env.put("BERRYS_WORKFLOW_RECONCILE_POLL_MS", "2000");
            env.put("BERRYS_PLANNING_RECOVERY_INTERVAL_MS", "2000");
            env.put("BERRYS_SYNTHESIS_SWEEP_INTERVAL", "5s");
            env.put("BERRYS_OUTAGE_MAX_BACKOFF", "5s");
            env.put("BERRYS_TOOL_IDEMPOTENCY_LEASE", "60s");
        }
        return env;
    }

    private static void recreateDatabase() throws SQLException {
        try (var c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DB);
        }
    }

    private static void awaitReady(Duration timeout) throws InterruptedException, IOException {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        List<String> pending = new ArrayList<>(SERVICES);
        while (!pending.isEmpty()) {
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    String service = SERVICES.get(i);
                    throw new IllegalStateException(service + " exited during start-up:\n" + tail(service));
                }
            }
            pending.removeIf(service -> {
                try {
                    var request = HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port(service) + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(2))
                            .build();
                    return http.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            if (Instant.now().isAfter(deadline)) {
                StringBuilder logs = new StringBuilder();
                for (String service : pending) {
                    logs.append("--- ").append(service).append('\n').append(tail(service));
                }
                throw new IllegalStateException("not ready in time: " + pending + "\n" + logs);
            }
            Thread.sleep(500);
        }
    }

    static String tail(String service) {
        try {
            List<String> lines = Files.readAllLines(LOGS.resolve(service + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static void stop() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String randomSecret(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
