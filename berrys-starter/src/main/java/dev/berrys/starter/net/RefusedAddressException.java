package dev.berrys.starter.net;

import java.util.Objects;

/** A URL or address this service will not contact; the message is safe to show to a model or a person. */
public class RefusedAddressException extends Exception {
    public RefusedAddressException(String message) {
        super(message);
    }

    /** The message it was made with, never null (NullAway takes {@link Throwable#getMessage()} as nullable). */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }
}
