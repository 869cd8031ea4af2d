package dev.berrys.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What the security suites check over everything they were answered: the secrets they know of (the admin
 * password, the service client secret, the encryption key, the platform's provider key, every password, API
 * key and provider key they set) appear in no answer but the one that issued them, nor in any log line; every
 * 4xx is a ProblemDetail; nothing is a 5xx.
 */
final class Evidence {
    /** A secret and the one answer allowed to show it (an API key's creation or rotation), if any. */
    record Secret(String label, String value, Api.@Nullable Exchange issuedBy) {}

    private static final ConcurrentLinkedQueue<Secret> SECRETS = new ConcurrentLinkedQueue<>();

    static {
        secret("admin password", Stack.adminPassword());
        secret("service client secret", Stack.serviceClientSecret());
        secret("encryption key", Stack.encryptionKey());
        secret("platform provider key (OPENAI_API_KEY)", Stack.platformProviderKey());
    }

    private Evidence() {}

    static String secret(String label, String value) {
        SECRETS.add(new Secret(label, value, null));
        return value;
    }

    /** A secret shown once, by {@code issuedBy}. */
    static String secret(String label, String value, Api.Exchange issuedBy) {
        SECRETS.add(new Secret(label, value, issuedBy));
        return value;
    }

    /** Every answer (body or header) that shows a secret it did not issue. */
    static List<String> leaks() {
        List<String> found = new ArrayList<>();
        for (Api.Exchange e : Api.EXCHANGES) {
            String headers = e.headers().toString();
            for (Secret s : SECRETS) {
                if (s.issuedBy() != e && (e.body().contains(s.value()) || headers.contains(s.value()))) {
                    found.add(s.label() + " in the answer to " + e);
                }
            }
        }
        return found;
    }

    /** Every log line of the stack that holds a secret. */
    static List<String> loggedSecrets() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> logs = Files.list(Stack.logs())) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                List<String> lines = Files.readAllLines(log);
                for (String line : lines) {
                    for (Secret s : SECRETS) {
                        if (line.contains(s.value())) {
                            found.add(s.label() + " in " + log.getFileName());
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Every 4xx that is not {@code application/problem+json}, and every 5xx. */
    static List<String> badErrors() {
        List<String> found = new ArrayList<>();
        for (Api.Exchange e : Api.EXCHANGES) {
            if (e.status() >= 500) {
                found.add("5xx: " + e + " " + abbreviate(e.body()));
            } else if (e.status() >= 400
                    && !e.method().equals("HEAD")
                    && !e.contentType().startsWith("application/problem+json")) {
                found.add("4xx without ProblemDetail (" + e.contentType() + "): " + e);
            }
        }
        return found;
    }

    static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
