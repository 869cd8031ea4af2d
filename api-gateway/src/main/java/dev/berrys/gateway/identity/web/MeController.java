package dev.berrys.gateway.identity.web;

import dev.berrys.gateway.identity.AuthProperties;
import dev.berrys.gateway.identity.Caller;
import dev.berrys.gateway.identity.web.AccountViews.Me;
import java.time.Instant;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/auth/me}: who the bearer token says you are. Works with any issuer. */
@RestController
class MeController {

    private final AuthProperties props;

    MeController(AuthProperties props) {
        this.props = props;
    }

    @GetMapping("/api/auth/me")
    Me me(JwtAuthenticationToken auth) {
        Caller caller = Caller.of(auth, props);
        var token = auth.getToken();
        // "berrys" is not a URL, so read the claim as text rather than through getIssuer()
        String issuer = String.valueOf(token.getClaims().getOrDefault("iss", ""));
        Instant expiresAt = token.getExpiresAt() == null ? Instant.EPOCH : token.getExpiresAt();
        return new Me(caller.subject(), caller.roles(), caller.tenant(), issuer, expiresAt);
    }
}
