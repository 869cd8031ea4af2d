package dev.berrys.starter.web;

import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A request body grew past its limit while it was read. */
public final class RequestBodyTooLargeException extends IOException {
    private final long limit;

    RequestBodyTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    static ProblemDetail problem(long limit) {
        ProblemDetail p = Problems.of(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large",
                "The request body is larger than the " + limit + " bytes this endpoint accepts.");
        p.setProperty("maxBytes", limit);
        return p;
    }
}
