package dev.berrys.model.chat;

/** Receives a streamed answer piece by piece; {@link #delta} may block while the client reads. */
@FunctionalInterface
public interface ChatStream {
    void delta(ChatDelta delta);

    /** Called before each attempt with the model about to answer, so that headers can name it. */
    default void attempting(dev.berrys.model.catalog.ModelRoute route) {}
}
