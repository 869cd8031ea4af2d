package dev.berrys.gateway.problem;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * An error whose ProblemDetail is already decided; the global handler writes it as it is. The detail
 * is shown to the caller, so it must never carry a secret or an internal exception message.
 */
public class ApiProblem extends RuntimeException {

    private final ProblemDetail problem;
    private final HttpHeaders headers = new HttpHeaders();

    public ApiProblem(HttpStatus status, URI type, String title, String detail) {
        super(detail, null, false, false);
        this.problem = ProblemDetail.forStatusAndDetail(status, detail);
        this.problem.setType(type);
        this.problem.setTitle(title);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", detail);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", detail);
    }

    public ApiProblem withHeader(String name, String value) {
        headers.set(name, value);
        return this;
    }

    public ApiProblem withProperty(String name, Object value) {
        problem.setProperty(name, value);
        return this;
    }

    public ProblemDetail problem() {
        return problem;
    }

    public HttpHeaders headers() {
        return headers;
    }
}
