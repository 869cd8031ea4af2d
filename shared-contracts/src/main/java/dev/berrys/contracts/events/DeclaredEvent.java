package dev.berrys.contracts.events;

/**
 * An event as its payload record declares it with {@link Event}.
 *
 * @param type the envelope's {@code type}
 * @param stream the stream it is published on
 * @param version the version of the payload's shape
 * @param payload the payload record
 */
public record DeclaredEvent(String type, String stream, int version, Class<?> payload) {}
