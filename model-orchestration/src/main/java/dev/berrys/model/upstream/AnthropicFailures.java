package dev.berrys.model.upstream;

import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.SseException;
import java.time.Duration;

/**
 * Turns the Anthropic SDK's exceptions into {@link UpstreamException}s. The reason is built from the
 * status and the kind of failure only: the SDK's own messages may quote the upstream's body.
 */
final class AnthropicFailures {
    private AnthropicFailures() {}

    static UpstreamException of(AnthropicException e, Duration timeout) {
        if (e instanceof SseException) {
            return new UpstreamException(UpstreamException.Kind.SERVER_ERROR, 529, "error event in the stream");
        }
        if (e instanceof AnthropicServiceException s) {
            return UpstreamException.ofStatus(s.statusCode(), RetryAfter.parse(name -> s.headers().values(name).stream()
                    .findFirst()
                    .orElse(null)));
        }
        if (e instanceof AnthropicInvalidDataException) {
            return new UpstreamException(
                    UpstreamException.Kind.MALFORMED, 200, "malformed answer: not the Messages format");
        }
        return UpstreamException.ofTransport(e, timeout);
    }
}
