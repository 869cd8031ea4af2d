package dev.berrys.starter.web;

import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;

/**
 * An error the caller can act on; the handler turns it into a ProblemDetail with this status, type slug
 * and detail, plus any {@code properties} (e.g. {@code field}). Throw the subclasses.
 */
public class ProblemException extends RuntimeException {
    private final HttpStatus status;
    private final String slug;
    private final Map<String, Object> properties;

    public ProblemException(HttpStatus status, String slug, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.properties = Map.copyOf(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** The message it was made with, never null (NullAway takes {@link Throwable#getMessage()} as nullable). */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    /** 404: e.g. {@code new NotFound("project", id)}. */
    public static class NotFound extends ProblemException {
        public NotFound(String what, Object id) {
            super(HttpStatus.NOT_FOUND, "not-found", "No " + what + " with id " + id + ".", Map.of("resource", what));
        }
    }

    /** 409: an illegal state transition or a conflicting write. */
    public static class Conflict extends ProblemException {
        public Conflict(String slug, String detail) {
            super(HttpStatus.CONFLICT, slug, detail, Map.of());
        }
    }

    /** 400 naming the offending field. */
    public static class BadRequest extends ProblemException {
        public BadRequest(String field, String detail) {
            super(HttpStatus.BAD_REQUEST, "invalid-request", detail, Map.of("field", field));
        }
    }
}
