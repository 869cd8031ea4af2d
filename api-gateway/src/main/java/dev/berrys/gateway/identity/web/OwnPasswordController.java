package dev.berrys.gateway.identity.web;

import dev.berrys.gateway.identity.Accounts;
import dev.berrys.gateway.identity.AuthProperties;
import dev.berrys.gateway.identity.BuiltInIssuer;
import dev.berrys.gateway.identity.Caller;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code PUT /api/auth/me/password}: any user, whatever their roles, changes their own password. */
@RestController
@BuiltInIssuer
class OwnPasswordController {

    private final Accounts accounts;
    private final AuthProperties props;

    OwnPasswordController(Accounts accounts, AuthProperties props) {
        this.accounts = accounts;
        this.props = props;
    }

    @PutMapping("/api/auth/me/password")
    Mono<ResponseEntity<Void>> change(JwtAuthenticationToken auth, @Valid @RequestBody PasswordRequests.Change body) {
        return accounts.changeOwnPassword(Caller.of(auth, props), body.currentPassword(), body.newPassword())
                .then(Mono.just(ResponseEntity.noContent().build()));
    }
}
