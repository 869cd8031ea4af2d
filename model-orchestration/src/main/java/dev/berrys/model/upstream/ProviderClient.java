package dev.berrys.model.upstream;

import dev.berrys.model.catalog.ModelRoute;
import dev.berrys.model.catalog.ProviderType;
import dev.berrys.model.chat.ChatCall;
import dev.berrys.model.chat.ChatResult;
import dev.berrys.model.chat.ChatStream;

/**
 * Speaks one provider's wire format. One attempt, no retries: the router retries, falls back and
 * accounts. Failures are {@link UpstreamException}s saying why, never carrying the upstream's body.
 */
public interface ProviderClient {
    ProviderType type();

    ChatResult complete(ModelRoute route, ChatCall call);

    /** Streams the answer into {@code sink} and returns it whole, with the tokens counted. */
    ChatResult stream(ModelRoute route, ChatCall call, ChatStream sink);
}
