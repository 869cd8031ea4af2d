package dev.berrys.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL and a Redis of the suite's own, on ports of their own ({@code BERRYS_E2E_PORT} + 20 and + 21),
 * so that the fault-injection suite can restart them without touching the machine's shared ones. PostgreSQL
 * is a fresh cluster ({@code initdb}, run as the {@code postgres} user when the suite runs as root), Redis
 * keeps an append-only file fsynced on every write, as docs/outages.md recommends for production.
 */
final class PrivateInfra {
    static final int PG_PORT = Stack.basePort() + 20;
    static final int REDIS_PORT = Stack.basePort() + 21;

    private static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "berrys-e2e-infra-" + PG_PORT);
    private static final Path PG_DATA = DIR.resolve("pg");
    private static final Path REDIS_DIR = DIR.resolve("redis");
    private static Process redis;

    private PrivateInfra() {}

    static synchronized void start() throws IOException, InterruptedException {
        deleteTree(DIR);
        Files.createDirectories(REDIS_DIR);
        Files.createDirectories(PG_DATA);
        if (root()) {
            run(List.of("chown", "-R", "postgres:postgres", DIR.toString()));
        }
        run(asPostgres(
                List.of(pgBin("initdb"), "-D", PG_DATA.toString(), "-U", "postgres", "-A", "trust", "--no-sync")));
        startPostgres();
        startRedis();
        Runtime.getRuntime().addShutdownHook(new Thread(PrivateInfra::stopQuietly));
    }

    static String jdbcBase() {
        return "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/";
    }

    /** Stops PostgreSQL at once (no checkpoint: as a crash), waits {@code down} and starts it again. */
    static void restartPostgres(Duration down) throws IOException, InterruptedException {
        run(asPostgres(List.of(pgBin("pg_ctl"), "-D", PG_DATA.toString(), "-m", "immediate", "-w", "stop")));
        Thread.sleep(down.toMillis());
        startPostgres();
    }

    /** Kills Redis with SIGKILL (what is not in its append-only file is lost), waits {@code down}, starts it. */
    static void restartRedis(Duration down) throws IOException, InterruptedException {
        redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Thread.sleep(down.toMillis());
        startRedis();
    }

    /** {@code redis-cli} against the private Redis; answers its raw output lines. */
    static List<String> redisCli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(REDIS_PORT), "--raw"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines().toList();
    }

    private static void startPostgres() throws IOException, InterruptedException {
        run(asPostgres(List.of(
                pgBin("pg_ctl"),
                "-D",
                PG_DATA.toString(),
                "-l",
                DIR.resolve("pg.log").toString(),
                "-o",
                "-p " + PG_PORT + " -k " + DIR + " -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off",
                "-w",
                "start")));
    }

    private static void startRedis() throws IOException, InterruptedException {
        redis = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        Integer.toString(REDIS_PORT),
                        "--bind",
                        "127.0.0.1",
                        "--dir",
                        REDIS_DIR.toString(),
                        "--appendonly",
                        "yes",
                        "--appendfsync",
                        "always",
                        "--save",
                        "")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        DIR.resolve("redis.log").toFile()))
                .start();
        Instant deadline = Instant.now().plusSeconds(30);
        while (!redisCli("PING").contains("PONG")) {
            if (Instant.now().isAfter(deadline) || !redis.isAlive()) {
                throw new IllegalStateException(
                        "private Redis did not start: " + Files.readString(DIR.resolve("redis.log")));
            }
            Thread.sleep(100);
        }
    }

    private static void stopQuietly() {
        try {
            run(asPostgres(List.of(pgBin("pg_ctl"), "-D", PG_DATA.toString(), "-m", "immediate", "stop")));
        } catch (IOException | RuntimeException e) {
            // already stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (redis != null) {
            redis.destroyForcibly();
        }
    }

    private static String pgBin(String tool) throws IOException {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            Path bin = versions.map(v -> v.resolve("bin").resolve(tool))
                    .filter(Files::isExecutable)
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("no " + tool + " under /usr/lib/postgresql/*/bin"));
            return bin.toString();
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** PostgreSQL refuses to run as root: the suite runs it as the postgres user then. */
    private static List<String> asPostgres(List<String> command) {
        if (!root()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + out);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
