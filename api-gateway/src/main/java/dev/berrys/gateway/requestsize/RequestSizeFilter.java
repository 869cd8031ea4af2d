package dev.berrys.gateway.requestsize;

import dev.berrys.gateway.problem.ProblemTypes;
import dev.berrys.gateway.problem.ProblemWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses a request body past its limit with a 413 ProblemDetail before it reaches a service: at once
 * where {@code Content-Length} announces it, else (a chunked body) as soon as the bytes read pass it.
 * Runs before authentication, so an anonymous caller cannot make the gateway read a large body either.
 */
@Component
@Order(-200)
class RequestSizeFilter implements WebFilter {
    private final RequestSizeProperties props;
    private final ProblemWriter problems;

    RequestSizeFilter(RequestSizeProperties props, ProblemWriter problems) {
        this.props = props;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long limit = props.limitFor(request.getPath().value());
        if (request.getHeaders().getContentLength() > limit) {
            return problems.write(exchange, problem(limit));
        }
        ServerHttpRequest limited = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong read = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (read.addAndGet(buffer.readableByteCount()) > limit) {
                        org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                        sink.error(new TooLarge(limit));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(limited).build())
                .onErrorResume(TooLarge.class, e -> problems.write(exchange, problem(limit)));
    }

    static ProblemDetail problem(long limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than the " + limit + " bytes this endpoint accepts");
        problem.setType(ProblemTypes.PAYLOAD_TOO_LARGE);
        problem.setTitle("Payload too large");
        problem.setProperty("maxBytes", limit);
        return problem;
    }

    /** The body passed its limit while it was read. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("request body larger than " + limit + " bytes", null, false, false);
        }
    }
}
