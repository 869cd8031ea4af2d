package dev.berrys.starter.web;

import dev.berrys.contracts.api.BerrysHeaders;
import org.jspecify.annotations.Nullable;

/**
 * The one rule for an {@code Idempotency-Key} header, so that every service refuses the same keys: 1 to
 * 200 visible ASCII characters. A malformed key is a 400 naming the header, before anything is stored.
 */
public final class IdempotencyKeys {
    public static final String HEADER = BerrysHeaders.IDEMPOTENCY_KEY;
    public static final int MAX_LENGTH = 200;

    private IdempotencyKeys() {}

    /** The key as sent, or null when none was; throws a 400 naming the header when it is malformed. */
    public static @Nullable String validated(@Nullable String key) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ProblemException.BadRequest(
                    HEADER,
                    "Header '" + HEADER + "' must be 1 to " + MAX_LENGTH + " visible ASCII characters (no spaces).");
        }
        return key;
    }
}
