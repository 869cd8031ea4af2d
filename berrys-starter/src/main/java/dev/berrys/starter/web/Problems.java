package dev.berrys.starter.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** ProblemDetail with a stable {@code type} URI: {@code https://berrys.dev/problems/<slug>}. */
public final class Problems {
    public static final String BASE = "https://berrys.dev/problems/";

    private Problems() {}

    /**
     * The one wording of a 403: the caller is known but its role does not allow the operation (a
     * {@code @PreAuthorize} refusal in a controller, or the filter chain's access check).
     */
    public static ProblemDetail forbidden() {
        return of(HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this operation.");
    }

    public static ProblemDetail of(HttpStatus status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(BASE + slug));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }
}
