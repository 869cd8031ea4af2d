package dev.berrys.gateway.token.web;

import dev.berrys.gateway.identity.BuiltInIssuer;
import dev.berrys.gateway.problem.ApiProblem;
import dev.berrys.gateway.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** With an external OIDC issuer, the built-in identity endpoints answer that they are switched off. */
@RestController
@BuiltInIssuer(external = true)
class DisabledIssuerController {

    @RequestMapping({
        "/api/auth/token",
        "/.well-known/jwks.json",
        "/api/auth/users",
        "/api/auth/users/**",
        "/api/auth/api-keys",
        "/api/auth/api-keys/**",
        "/api/auth/me/password"
    })
    Mono<Void> disabled() {
        return Mono.error(new ApiProblem(
                HttpStatus.NOT_FOUND,
                ProblemTypes.ISSUER_DISABLED,
                "Built-in issuer disabled",
                "Tokens and accounts come from the external issuer configured in BERRYS_ISSUER_URI"));
    }
}
