package dev.berrys.gateway.problem;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;

/**
 * Turns any exception into a ProblemDetail. Only texts written here reach the caller: an exception's
 * own message never does, so nothing internal leaks from a 500 or a proxy failure.
 */
final class ProblemMapper {
    /** Seconds a caller waits before repeating a call answered 503 for an outage, as the servlet services say. */
    static final int RETRY_AFTER_SECONDS = 2;

    private ProblemMapper() {}

    static ProblemDetail map(Throwable ex, @Nullable String routeId) {
        if (ex instanceof ApiProblem problem) {
            return problem.problem();
        }
        if (find(ex, DataBufferLimitException.class) != null) {
            return problem(
                    HttpStatus.CONTENT_TOO_LARGE,
                    ProblemTypes.PAYLOAD_TOO_LARGE,
                    "Payload too large",
                    "The request body exceeds the size this endpoint accepts");
        }
        if (ex instanceof WebExchangeBindException bind) {
            return validation(bind);
        }
        if (ex instanceof ServerWebInputException input) {
            return malformed(input);
        }
        if (ex instanceof ResponseStatusException status) {
            return fromStatus(HttpStatus.valueOf(status.getStatusCode().value()), routeId);
        }
        if (ex instanceof AuthenticationException) {
            return problem(
                    HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized", "Authentication is required");
        }
        if (ex instanceof AccessDeniedException) {
            return problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", "Your roles do not allow this");
        }
        if (ex instanceof DuplicateKeyException) {
            return problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", "The resource already exists");
        }
        if (isTimeout(ex)) {
            return problem(
                    HttpStatus.GATEWAY_TIMEOUT,
                    ProblemTypes.GATEWAY_TIMEOUT,
                    "Gateway timeout",
                    describe(routeId) + " did not answer in time");
        }
        if (find(ex, ConnectException.class) != null
                || find(ex, UnknownHostException.class) != null
                || isPrematureClose(ex)) {
            return problem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    ProblemTypes.SERVICE_UNAVAILABLE,
                    "Service unavailable",
                    describe(routeId) + " is unreachable");
        }
        if (isStoreOutage(ex)) {
            return problem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    ProblemTypes.SERVICE_UNAVAILABLE,
                    "Service unavailable",
                    "A backing store of the gateway is unavailable; try again shortly");
        }
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemTypes.INTERNAL,
                "Internal error",
                "An unexpected error occurred; it has been logged");
    }

    /**
     * The headers that go with {@code problem}, {@link #map}'s answer to {@code ex}: {@code Retry-After} on a 503
     * for a backing store of the gateway that is unavailable, so that a caller waits the outage out and repeats
     * the call, as the servlet services' {@code ProblemHandler} tells it to.
     */
    static HttpHeaders headers(Throwable ex, ProblemDetail problem) {
        HttpHeaders headers = ex instanceof ApiProblem api ? api.headers() : new HttpHeaders();
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value() && isStoreOutage(ex)) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        }
        return headers;
    }

    private static boolean isStoreOutage(Throwable ex) {
        return find(ex, DataAccessResourceFailureException.class) != null
                || find(ex, QueryTimeoutException.class) != null;
    }

    static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    private static ProblemDetail validation(WebExchangeBindException bind) {
        List<Map<String, String>> errors = bind.getFieldErrors().stream()
                .map(e -> Map.of("field", e.getField(), "message", messageOf(e)))
                .toList();
        String detail = bind.getFieldErrors().stream()
                .map(e -> e.getField() + " " + messageOf(e))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.VALIDATION,
                "Invalid request",
                detail.isEmpty() ? "The request is invalid" : detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String messageOf(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static ProblemDetail malformed(ServerWebInputException input) {
        JacksonException json = find(input, JacksonException.class);
        String detail;
        if (json != null && !json.getPath().isEmpty()) {
            String field = fieldPath(json.getPath());
            detail = "Field '" + field + "' has an invalid value";
            ProblemDetail problem =
                    problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request", detail);
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "has an invalid value")));
            return problem;
        }
        if (json != null || find(input, DecodingException.class) != null) {
            detail = json != null
                            && json.getLocation() != null
                            && json.getLocation().getLineNr() > 0
                    ? "The request body is not valid JSON (line "
                            + json.getLocation().getLineNr() + ", column "
                            + json.getLocation().getColumnNr() + ")"
                    : "The request body is not valid JSON";
        } else if (input.getReason() != null && input.getReason().contains("body")) {
            detail = "The request body is missing";
        } else {
            detail = "The request could not be read";
        }
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request", detail);
    }

    private static String fieldPath(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static ProblemDetail fromStatus(HttpStatus status, @Nullable String routeId) {
        return switch (status) {
            case NOT_FOUND -> problem(status, ProblemTypes.NOT_FOUND, "Not found", "No route or resource at this path");
            case METHOD_NOT_ALLOWED ->
                problem(
                        status,
                        ProblemTypes.METHOD_NOT_ALLOWED,
                        "Method not allowed",
                        "This path does not accept this method");
            case UNSUPPORTED_MEDIA_TYPE ->
                problem(
                        status,
                        ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                        "Unsupported media type",
                        "Send the body as application/json");
            case NOT_ACCEPTABLE ->
                problem(
                        status,
                        ProblemTypes.NOT_ACCEPTABLE,
                        "Not acceptable",
                        "No representation matches the Accept header");
            case UNAUTHORIZED ->
                problem(status, ProblemTypes.UNAUTHORIZED, "Unauthorized", "Authentication is required");
            case FORBIDDEN -> problem(status, ProblemTypes.FORBIDDEN, "Forbidden", "Your roles do not allow this");
            case GATEWAY_TIMEOUT ->
                problem(
                        status,
                        ProblemTypes.GATEWAY_TIMEOUT,
                        "Gateway timeout",
                        describe(routeId) + " did not answer in time");
            case SERVICE_UNAVAILABLE, BAD_GATEWAY ->
                problem(
                        status,
                        ProblemTypes.SERVICE_UNAVAILABLE,
                        "Service unavailable",
                        describe(routeId) + " is unavailable");
            default ->
                status.is5xxServerError()
                        ? problem(
                                status,
                                ProblemTypes.INTERNAL,
                                "Internal error",
                                "An unexpected error occurred; it has been logged")
                        : problem(
                                status, ProblemTypes.type(status), status.getReasonPhrase(), status.getReasonPhrase());
        };
    }

    private static String describe(@Nullable String routeId) {
        return routeId == null ? "The upstream service" : "The " + routeId + " service";
    }

    private static boolean isTimeout(Throwable ex) {
        return find(ex, java.util.concurrent.TimeoutException.class) != null
                || find(ex, org.springframework.cloud.gateway.support.TimeoutException.class) != null
                || find(ex, io.netty.handler.timeout.ReadTimeoutException.class) != null;
    }

    private static boolean isPrematureClose(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("PrematureCloseException")) {
                return true;
            }
        }
        return false;
    }

    static <T extends Throwable> @Nullable T find(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
