package dev.berrys.model.web;

import dev.berrys.starter.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A {@code @PreAuthorize} refusal is a 403 ProblemDetail; the starter's catch-all handler would make it a
 * 500 (to be moved into the starter's ProblemHandler).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessDeniedProblems {
    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this operation.");
    }
}
