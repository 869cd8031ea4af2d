package dev.berrys.starter.security;

import dev.berrys.starter.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as ProblemDetail, never naming why a token was refused beyond what helps the caller. */
final class ProblemAuthenticationHandlers {
    private final JsonMapper json;

    ProblemAuthenticationHandlers(JsonMapper json) {
        this.json = json;
    }

    AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> write(
                response,
                Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid bearer token is required."),
                true);
    }

    AccessDeniedHandler accessDenied() {
        return (request, response, e) -> write(response, Problems.forbidden(), false);
    }

    private void write(HttpServletResponse response, ProblemDetail problem, boolean challenge) throws IOException {
        response.setStatus(problem.getStatus());
        if (challenge) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
