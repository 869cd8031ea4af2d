package dev.berrys.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one rule for the secrets a Berrys service starts with: no value the repository has ever published (the
 * compose file's old fallbacks), no service client secret under 32 characters, no encryption key that is not the
 * base64 of 32 bytes. A service refuses to start with such a secret unless {@code BERRYS_INSECURE_TRIAL=true} says
 * this is a throw-away trial. An unset secret is not judged here: each service decides what its absence means.
 *
 * <p>Messages name the variable and what is wrong, never the value.
 */
public final class SecretPolicy {
    /** The switch that lets a trial start with weak or published secrets. */
    public static final String TRIAL_SWITCH = "BERRYS_INSECURE_TRIAL";

    public static final int MIN_SERVICE_CLIENT_SECRET_LENGTH = 32;

    /** Every credential value published in this repository: anyone can read them, so none may guard anything. */
    private static final Set<String> PUBLISHED = Set.of(
            "berrys-insecure-dev-password",
            "berrys-insecure-dev-service-secret",
            "YmVycnlzLWluc2VjdXJlLWRldi1rZXktMzItYnl0ZXM=",
            "berrys-insecure-dev-key-32-bytes");

    private SecretPolicy() {}

    /**
     * The secrets as configured; blank means unset.
     *
     * @param serviceClientSecret {@code BERRYS_SERVICE_CLIENT_SECRET}
     * @param encryptionKey {@code BERRYS_ENCRYPTION_KEY}
     * @param databasePassword {@code BERRYS_DB_PASSWORD}
     */
    public record Secrets(
            @Nullable String serviceClientSecret,
            @Nullable String encryptionKey,
            @Nullable String databasePassword) {}

    /** What is wrong with these secrets, one sentence each; empty when nothing is. */
    public static List<String> problems(Secrets secrets) {
        List<String> problems = new ArrayList<>();
        String client = secrets.serviceClientSecret();
        if (client != null && !client.isBlank()) {
            if (isPublished(client)) {
                problems.add("BERRYS_SERVICE_CLIENT_SECRET is a value published in the Berrys repository");
            } else if (client.length() < MIN_SERVICE_CLIENT_SECRET_LENGTH) {
                problems.add("BERRYS_SERVICE_CLIENT_SECRET is shorter than " + MIN_SERVICE_CLIENT_SECRET_LENGTH
                        + " characters");
            }
        }
        String key = secrets.encryptionKey();
        if (key != null && !key.isBlank()) {
            if (isPublished(key)) {
                problems.add("BERRYS_ENCRYPTION_KEY is a value published in the Berrys repository");
            } else if (!isBase64Of32Bytes(key.strip())) {
                problems.add("BERRYS_ENCRYPTION_KEY is not the base64 of 32 bytes");
            }
        }
        String password = secrets.databasePassword();
        if (password != null && !password.isBlank() && isPublished(password)) {
            problems.add("BERRYS_DB_PASSWORD is a value published in the Berrys repository");
        }
        return problems;
    }

    /**
     * Lets a service start only with acceptable secrets.
     *
     * @param trial whether {@code BERRYS_INSECURE_TRIAL} is true
     * @param warn where each problem is said when the trial switch lets it pass
     * @throws InsecureSecrets when a secret is unacceptable and this is no trial
     */
    public static void enforce(Secrets secrets, boolean trial, Consumer<String> warn) {
        List<String> problems = problems(secrets);
        if (problems.isEmpty()) {
            return;
        }
        if (!trial) {
            throw new InsecureSecrets(problems);
        }
        for (String problem : problems) {
            warn.accept(TRIAL_SWITCH + "=true: starting although " + problem
                    + ". Anyone can use such a secret; never run like this with data you care about.");
        }
    }

    private static boolean isPublished(String value) {
        String v = value.strip();
        if (PUBLISHED.contains(v)) {
            return true;
        }
        // the same key written another way (e.g. without padding) is still the published key
        try {
            return PUBLISHED.contains(new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static boolean isBase64Of32Bytes(String value) {
        try {
            return Base64.getDecoder().decode(value).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Secrets a service must not start with; the message says which and how to fix it, never a value. */
    public static final class InsecureSecrets extends IllegalStateException {
        InsecureSecrets(List<String> problems) {
            super("Refusing to start: " + String.join("; ", problems)
                    + ". Set real secrets (./berrys generates them; e.g. `openssl rand -base64 32`), or set "
                    + TRIAL_SWITCH + "=true for a throw-away trial.");
        }
    }
}
