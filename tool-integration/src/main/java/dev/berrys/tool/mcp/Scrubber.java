package dev.berrys.tool.mcp;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** Removes secret values from a message and keeps it short, so that it can be stored, logged or returned. */
final class Scrubber {
    private static final int MAX = 300;

    private Scrubber() {}

    static String clean(@Nullable String message, Collection<String> secrets) {
        String text = message == null ? "" : message;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 3) {
                text = text.replace(secret, "***");
            }
        }
        return text.length() <= MAX ? text : text.substring(0, MAX) + "…";
    }

    /** The most telling message of a failure: the deepest cause that has one. */
    static String describe(Throwable e, Collection<String> secrets) {
        String message = null;
        String type = e.getClass().getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
                type = t.getClass().getSimpleName();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return clean(message == null ? type : type + ": " + message, secrets);
    }
}
