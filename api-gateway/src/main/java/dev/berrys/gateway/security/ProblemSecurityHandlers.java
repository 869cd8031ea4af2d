package dev.berrys.gateway.security;

import dev.berrys.gateway.problem.ProblemTypes;
import dev.berrys.gateway.problem.ProblemWriter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401 and 403 as ProblemDetail, naming what is wrong with the token without echoing internals. */
@Component
class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    /** Fragments of the decoder's messages for a token that is not a JWT at all. */
    private static final List<String> MALFORMED =
            List.of("malformed", "serialization", "parse", "header", "json", "base64", "payload");

    /** What {@code JwtConfig} says of a token whose subject was revoked after it was issued. */
    static final String REVOKED = "has been revoked";

    private final ProblemWriter writer;

    ProblemSecurityHandlers(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        TokenProblem problem = classify(ex);
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, problem.detail());
        detail.setType(problem.type());
        detail.setTitle(problem.title());
        HttpHeaders headers = new HttpHeaders();
        headers.set(
                HttpHeaders.WWW_AUTHENTICATE,
                problem.tokenPresent()
                        ? "Bearer error=\"invalid_token\", error_description=\"" + problem.detail() + "\""
                        : "Bearer");
        return writer.write(exchange, detail, headers);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        String method = exchange.getRequest().getMethod().name();
        boolean write = !method.equals("GET") && !method.equals("HEAD");
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(
                HttpStatus.FORBIDDEN,
                "Your roles do not allow " + method + " "
                        + exchange.getRequest().getPath().value() + (write ? " (a VIEWER may only read)" : ""));
        detail.setType(ProblemTypes.FORBIDDEN);
        detail.setTitle("Forbidden");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        return writer.write(exchange, detail, headers);
    }

    static TokenProblem classify(AuthenticationException ex) {
        if (!(ex instanceof OAuth2AuthenticationException)) {
            return new TokenProblem(
                    ProblemTypes.UNAUTHORIZED,
                    "Unauthorized",
                    "A bearer token is required: get one from POST /api/auth/token",
                    false);
        }
        String message = messages(ex).toLowerCase(Locale.ROOT);
        if (message.contains(REVOKED)) {
            return new TokenProblem(
                    ProblemTypes.TOKEN_REVOKED,
                    "Token revoked",
                    "The bearer token was revoked (account disabled or deleted, password reset, or API key revoked or"
                            + " rotated): get a new one",
                    true);
        }
        if (message.contains("expired")) {
            return new TokenProblem(ProblemTypes.TOKEN_EXPIRED, "Token expired", "The bearer token has expired", true);
        }
        String detail;
        if (message.contains("signature") || message.contains("matching key")) {
            detail = "The bearer token's signature does not match a key of the issuer";
        } else if (MALFORMED.stream().anyMatch(message::contains)) {
            detail = "The bearer token is malformed";
        } else if (message.contains("iss claim")) {
            detail = "The bearer token comes from another issuer";
        } else {
            detail = "The bearer token is not valid";
        }
        return new TokenProblem(ProblemTypes.INVALID_TOKEN, "Invalid token", detail, true);
    }

    private static String messages(Throwable ex) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = ex; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(' ');
        }
        return all.toString();
    }

    record TokenProblem(URI type, String title, String detail, boolean tokenPresent) {}
}
