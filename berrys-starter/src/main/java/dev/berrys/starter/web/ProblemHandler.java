package dev.berrys.starter.web;

import dev.berrys.starter.calls.Outages;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Turns every error into an RFC 9457 ProblemDetail with a stable {@code type}. Client errors name the
 * offending field; a 500 never shows an exception message. A dependency that cannot be had now (no
 * database connection within the pool's timeout, the database or Redis unreachable, a service this one
 * calls unavailable: {@link Outages#isOutage}) is a 503 {@code service-unavailable} with
 * {@code Retry-After}: an outage the caller waits out and repeats, never a 500 it would count as a failure.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** Seconds a caller is asked to wait before repeating a call refused for an outage. */
    public static final int RETRY_AFTER_SECONDS = 2;

    @ExceptionHandler(ProblemException.class)
    ProblemDetail problem(ProblemException e) {
        ProblemDetail p = Problems.of(e.status(), e.slug(), e.getMessage());
        e.properties().forEach(p::setProperty);
        return p;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", leaf(v.getPropertyPath().toString()), "message", v.getMessage()))
                .toList();
        return invalid(errors);
    }

    @ExceptionHandler({DataIntegrityViolationException.class, OptimisticLockingFailureException.class})
    ProblemDetail conflict(RuntimeException e) {
        log.info("conflicting write refused: {}", e.getClass().getSimpleName());
        return Problems.of(
                HttpStatus.CONFLICT, "conflict", "The change conflicts with the current state; reload and retry.");
    }

    /** {@code @PreAuthorize} refusals thrown inside a controller: a 403, not the catch-all 500. */
    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail accessDenied(AccessDeniedException e) {
        return Problems.forbidden();
    }

    @ExceptionHandler(RequestBodyTooLargeException.class)
    ProblemDetail tooLarge(RequestBodyTooLargeException e) {
        return RequestBodyTooLargeException.problem(e.limit());
    }

    @ExceptionHandler({
        DataAccessResourceFailureException.class, // CannotGetJdbcConnectionException, Redis unreachable
        CannotCreateTransactionException.class, // no connection for the transaction
        TransientDataAccessResourceException.class,
        SQLTransientConnectionException.class // Hikari: connection not available within its timeout
    })
    ResponseEntity<ProblemDetail> unavailable(Exception e) {
        return outage(e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (Outages.isOutage(e)) {
            return outage(e);
        }
        log.error("unexpected error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "An unexpected error occurred."));
    }

    private static ResponseEntity<ProblemDetail> outage(Exception e) {
        // the type only: a driver's message may name hosts, users or databases
        log.warn("answered 503, a dependency is unavailable: {}", e.getClass().getSimpleName());
        ProblemDetail p = Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "service-unavailable",
                "The service cannot reach a dependency (its database, Redis or another service) now; "
                        + "repeat the call later.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
                .body(p);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", message(f)))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> Map.of(
                                "field",
                                String.valueOf(r.getMethodParameter().getParameterName()),
                                "message",
                                String.valueOf(err.getDefaultMessage()))))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = causeOf(e);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(RequestBodyTooLargeException.problem(tooLarge.limit()));
        }
        ProblemDetail p;
        if (e.getCause() instanceof DatabindException bind && !bind.getPath().isEmpty()) {
            String field = bind.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            p = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "invalid-request",
                    "Field '" + field + "' has a value of the wrong type or form.");
            p.setProperty("field", field);
        } else if (e.getCause() instanceof JacksonException) {
            p = Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "The request body is not well-formed JSON.");
        } else {
            p = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "The request body is missing or unreadable.");
        }
        return ResponseEntity.badRequest().body(p);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() != null ? e.getPropertyName() : "parameter";
        ProblemDetail p = Problems.of(
                HttpStatus.BAD_REQUEST, "invalid-request", "Parameter '" + name + "' has an invalid value.");
        p.setProperty("field", name);
        return ResponseEntity.badRequest().body(p);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail p && isBlank(p.getType())) {
            HttpStatus known = HttpStatus.resolve(status.value());
            String slug = known == null ? "error" : known.name().toLowerCase().replace('_', '-');
            p.setType(URI.create(Problems.BASE + slug));
        }
        return response;
    }

    private static @Nullable RequestBodyTooLargeException causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    private static ProblemDetail invalid(List<Map<String, String>> errors) {
        String fields = errors.stream().map(m -> m.get("field")).distinct().collect(Collectors.joining(", "));
        String detail = errors.size() == 1
                ? "Field '" + errors.getFirst().get("field") + "' "
                        + errors.getFirst().get("message") + "."
                : "Invalid fields: " + fields + ".";
        ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", detail);
        p.setProperty("errors", errors);
        if (!errors.isEmpty()) {
            p.setProperty("field", errors.getFirst().get("field"));
        }
        return p;
    }

    private static String message(FieldError f) {
        return f.getDefaultMessage() == null ? "is invalid" : f.getDefaultMessage();
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static boolean isBlank(@Nullable URI type) {
        return type == null || "about:blank".equals(type.toString());
    }
}
