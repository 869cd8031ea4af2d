package dev.berrys.tool.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts a real child process the way the stdio transport does, and reads its stderr as the SDK does. */
class StderrCapTests {
    static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    @TempDir
    Path dir;

    @Test
    void onlyTheFirstMaxBytesOfStderrReachTheServiceAndTheServerStillSpeaksOnStdout() throws Exception {
        StderrCap cap = StderrCap.find(PATH, 10_000);
        assumeThat(cap).as("sh, mkfifo, head and cat on " + PATH).isNotNull();
        // 8 MB on stderr, most of it one endless line, then the protocol on stdout
        String server = "head -c 8000000 /dev/zero | tr '\\0' x >&2; echo; echo \"pid=$$\"; echo done >&2";

        Process process = start(cap.wrap(dir, "/bin/sh", List.of("-c", server)), cap.sh());
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process));
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(stdout).isEqualTo("\npid=" + process.pid() + "\n"); // the server was exec'd: same process
        byte[] read = stderr.get(30, TimeUnit.SECONDS);
        assertThat(read).hasSize(10_000);
        assertThat(new String(read, StandardCharsets.US_ASCII)).matches("x{10000}");
        assertThat(Files.exists(dir.resolve(StderrCap.FIFO)))
                .as("the FIFO is in the server's own directory")
                .isTrue();
    }

    @Test
    void aServerThatWritesLittleIsReadInFull() throws Exception {
        StderrCap cap = StderrCap.find(PATH, 1_000_000);
        assumeThat(cap).isNotNull();

        Process process = start(cap.wrap(dir, "/bin/sh", List.of("-c", "echo warn >&2; echo ok")), cap.sh());

        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("ok\n");
        assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("warn\n");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theServerGetsNoVariableOfTheWrapperShell() throws Exception {
        StderrCap cap = StderrCap.find(PATH, 1000);
        assumeThat(cap).isNotNull();

        Process process = start(cap.wrap(dir, "/usr/bin/env", List.of()), cap.sh());

        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("PATH=" + PATH + "\n");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theFifoIsNamedByAnAbsolutePathEvenForARelativeWorkingDirectory() {
        StderrCap cap = new StderrCap("/bin/sh", "/usr/bin/mkfifo", "/usr/bin/head", "/usr/bin/cat", 10);

        List<String> args = cap.wrap(Path.of("target/sandbox/x"), "/bin/true", List.of("a"));

        assertThat(args.get(6))
                .isEqualTo(Path.of("target/sandbox/x/.stderr").toAbsolutePath().toString());
        assertThat(args.subList(7, args.size())).containsExactly("10", "/bin/true", "a");
    }

    @Test
    void noCapWhenOffOrWhenAProgramIsMissing() {
        assertThat(StderrCap.find(PATH, 0)).isNull();
        assertThat(StderrCap.find("/nonexistent", 1000)).isNull();
    }

    private Process start(List<String> args, String program) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", PATH);
        return builder.start();
    }

    private static byte[] readAll(Process process) {
        try {
            return process.getErrorStream().readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
