package dev.berrys.gateway.token.web;

import dev.berrys.gateway.identity.BuiltInIssuer;
import dev.berrys.gateway.identity.Credentials;
import dev.berrys.gateway.problem.ApiProblem;
import dev.berrys.gateway.token.TokenIssuer;
import dev.berrys.gateway.token.TokenService;
import jakarta.validation.Valid;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code POST /api/auth/token}: a password or an API key for a bearer token. */
@RestController
@BuiltInIssuer
class TokenController {

    private final TokenService tokens;

    TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    @PostMapping(path = "/api/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<TokenResponse>> token(@Valid @RequestBody TokenRequest request, ServerHttpRequest http) {
        Mono<TokenIssuer.IssuedToken> issued;
        if (request.hasPassword() && !request.hasApiKey()) {
            requireAll("username", request.username(), "password", request.password());
            issued = tokens.forPassword(
                    Credentials.normalizeUsername(Objects.requireNonNull(request.username())),
                    Objects.requireNonNull(request.password()),
                    request.tenant(),
                    source(http));
        } else if (request.hasApiKey() && !request.hasPassword()) {
            requireAll("clientId", request.clientId(), "clientSecret", request.clientSecret());
            issued = tokens.forApiKey(
                    Objects.requireNonNull(request.clientId()),
                    Objects.requireNonNull(request.clientSecret()),
                    request.tenant());
        } else {
            throw ApiProblem.badRequest("Send either username and password, or clientId and clientSecret")
                    .withProperty(
                            "errors",
                            List.of(
                                    Map.of("field", "username", "message", "or clientId is required"),
                                    Map.of("field", "clientId", "message", "or username is required")));
        }
        return issued.map(token -> ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new TokenResponse(token.accessToken(), "Bearer", token.expiresIn())));
    }

    /** The client address; forwarded headers are not trusted, or anyone could pick their own. */
    private static String source(ServerHttpRequest http) {
        InetSocketAddress remote = http.getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
    }

    private static void requireAll(String idField, @Nullable String id, String secretField, @Nullable String secret) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (id == null || id.isBlank()) {
            errors.add(Map.of("field", idField, "message", "is required"));
        }
        if (secret == null || secret.isEmpty()) {
            errors.add(Map.of("field", secretField, "message", "is required"));
        } else if (!Credentials.fitsBcrypt(secret)) {
            errors.add(Map.of("field", secretField, "message", "must be at most 72 bytes"));
        }
        if (!errors.isEmpty()) {
            String detail = String.join(
                    "; ",
                    errors.stream()
                            .map(e -> e.get("field") + " " + e.get("message"))
                            .toList());
            throw ApiProblem.badRequest(detail).withProperty("errors", errors);
        }
    }
}
