package dev.berrys.starter.net;

/** A URL or address this service will not contact; the message is safe to show to a model or a person. */
public class RefusedAddressException extends Exception {
    public RefusedAddressException(String message) {
        super(message);
    }
}
