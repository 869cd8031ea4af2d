package dev.berrys.model.upstream;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** How long a provider asked to wait: {@code retry-after-ms} (OpenAI), else {@code Retry-After} in seconds or as an HTTP date. */
final class RetryAfter {
    private RetryAfter() {}

    /** @param header a header's first value by its lower-case name, or null */
    static @Nullable Duration parse(Function<String, @Nullable String> header) {
        String ms = header.apply("retry-after-ms");
        if (ms != null) {
            try {
                return Duration.ofMillis((long) Double.parseDouble(ms.strip()));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        String value = header.apply("retry-after");
        if (value == null) {
            return null;
        }
        String v = value.strip();
        try {
            return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(
                        ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unparsable) {
                return null;
            }
        }
    }
}
