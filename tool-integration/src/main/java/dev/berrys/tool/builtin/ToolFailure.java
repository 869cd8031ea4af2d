package dev.berrys.tool.builtin;

/**
 * A tool ran and could not do what was asked (a refused URL, a division by zero): the execution is
 * FAILED with this message, which the calling model reads. Never carries a secret.
 */
public class ToolFailure extends RuntimeException {
    public ToolFailure(String message) {
        super(message);
    }
}
