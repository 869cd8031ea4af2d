package dev.berrys.gateway.problem;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The one place where errors become responses: controller errors, routing errors (unknown path,
 * unreachable service) and anything unexpected. Runs before Boot's own error handler.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemWriter writer;

    ProblemExceptionHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        String routeId = routeId(exchange);
        ProblemDetail problem = ProblemMapper.map(ex, routeId);
        if (problem.getStatus() == 500) {
            log.error(
                    "{} {} failed",
                    method(exchange),
                    exchange.getRequest().getPath().value(),
                    ex);
        } else if (problem.getStatus() > 500) {
            log.warn(
                    "{} {} answered {}: {}",
                    method(exchange),
                    exchange.getRequest().getPath().value(),
                    problem.getStatus(),
                    problem.getDetail());
        }
        return writer.write(exchange, problem, ProblemMapper.headers(ex, problem));
    }

    private static String method(ServerWebExchange exchange) {
        return exchange.getRequest().getMethod().name();
    }

    private static @Nullable String routeId(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return null;
        }
        Object service = route.getMetadata().get("service");
        return service == null ? route.getId() : service.toString();
    }
}
