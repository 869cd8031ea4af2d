package dev.berrys.tool.mcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Bounds what this service reads of a stdio server's stderr. The SDK reads stderr line by line without a
 * bound and its session ends when stderr is redirected away, so the bound is applied on the child's side:
 * the server is started through {@code sh}, which sends its stderr through a FIFO (in the server's private
 * working directory) into {@code head -c MAX}; everything after the first {@code MAX} bytes is read by
 * {@code cat} and dropped. The server itself is {@code exec}'d, so it is still the process the SDK talks to
 * and stops; {@code sh}'s own {@code PWD} is not passed on, so the server's environment stays what was
 * declared. Without {@code sh}, {@code mkfifo}, {@code head} or {@code cat} on the servers' PATH there is
 * no cap (see {@link #find}).
 */
record StderrCap(String sh, String mkfifo, String head, String cat, long maxBytes) {

    /** The FIFO's name inside the server's working directory. */
    static final String FIFO = ".stderr";

    private static final String SCRIPT = "mkfifo_=$1; head_=$2; cat_=$3; f=$4; cap=$5; shift 5\n"
            + "rm -f \"$f\" && \"$mkfifo_\" -m 600 \"$f\" || { echo \"berrys: no stderr FIFO $f\" >&2; exit 127; }\n"
            + "{ \"$head_\" -c \"$cap\"; \"$cat_\" >/dev/null; } <\"$f\" >&2 &\n"
            + "unset PWD OLDPWD\n"
            + "exec \"$@\" 2>\"$f\"\n";

    /** The cap for {@code maxBytes}, or null when it is off (0) or a needed program is not on {@code path}. */
    static @Nullable StderrCap find(String path, long maxBytes) {
        if (maxBytes <= 0) {
            return null;
        }
        String sh = onPath(path, "sh");
        String mkfifo = onPath(path, "mkfifo");
        String head = onPath(path, "head");
        String cat = onPath(path, "cat");
        if (sh == null || mkfifo == null || head == null || cat == null) {
            return null;
        }
        return new StderrCap(sh, mkfifo, head, cat, maxBytes);
    }

    /** The program to start: {@code sh}, with these arguments. */
    List<String> wrap(Path workingDirectory, String program, List<String> args) {
        List<String> out = new ArrayList<>(List.of(
                "-c",
                SCRIPT,
                "berrys-mcp",
                mkfifo,
                head,
                cat,
                workingDirectory.toAbsolutePath().resolve(FIFO).toString(),
                Long.toString(maxBytes),
                program));
        out.addAll(args);
        return out;
    }

    /** The absolute path of {@code program} on {@code path}, or null. */
    static @Nullable String onPath(String path, String program) {
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isBlank() ? "." : dir, program);
            if (candidate.isAbsolute() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
