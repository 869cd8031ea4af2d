package dev.berrys.gateway.identity.web;

import dev.berrys.gateway.identity.Accounts;
import dev.berrys.gateway.identity.AuthProperties;
import dev.berrys.gateway.identity.BuiltInIssuer;
import dev.berrys.gateway.identity.Caller;
import dev.berrys.gateway.identity.Page;
import dev.berrys.gateway.identity.web.AccountViews.ApiKeyView;
import dev.berrys.gateway.identity.web.AccountViews.CreatedApiKey;
import dev.berrys.gateway.identity.web.AccountViews.UserView;
import dev.berrys.gateway.problem.ApiProblem;
import jakarta.validation.Valid;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Users and API keys of the built-in identity; ADMIN only (see SecurityConfig). Ids of other tenants are 404. */
@RestController
@RequestMapping("/api/auth")
@BuiltInIssuer
class AccountsController {

    private static final int MAX_PAGE_SIZE = 100;

    private final Accounts accounts;
    private final AuthProperties props;

    AccountsController(Accounts accounts, AuthProperties props) {
        this.accounts = accounts;
        this.props = props;
    }

    @PostMapping("/users")
    Mono<ResponseEntity<UserView>> createUser(JwtAuthenticationToken auth, @Valid @RequestBody NewUserRequest body) {
        return accounts.createUser(caller(auth), body.username(), body.password(), body.roles(), body.tenant())
                .map(user -> ResponseEntity.created(URI.create("/api/auth/users/" + user.id()))
                        .body(UserView.of(user)));
    }

    @GetMapping("/users")
    Mono<Page<UserView>> users(
            JwtAuthenticationToken auth,
            @RequestParam(required = false) @Nullable String tenant,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        checkPaging(page, size);
        return accounts.users(caller(auth), tenant, page, size).map(p -> p.map(UserView::of));
    }

    @PostMapping("/users/{id}/disable")
    Mono<UserView> disable(JwtAuthenticationToken auth, @PathVariable String id) {
        return accounts.setDisabled(caller(auth), Ids.parse(id), true).map(UserView::of);
    }

    @PostMapping("/users/{id}/enable")
    Mono<UserView> enable(JwtAuthenticationToken auth, @PathVariable String id) {
        return accounts.setDisabled(caller(auth), Ids.parse(id), false).map(UserView::of);
    }

    @DeleteMapping("/users/{id}")
    Mono<ResponseEntity<Void>> deleteUser(JwtAuthenticationToken auth, @PathVariable String id) {
        return accounts.deleteUser(caller(auth), Ids.parse(id))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @PutMapping("/users/{id}/password")
    Mono<ResponseEntity<Void>> resetPassword(
            JwtAuthenticationToken auth, @PathVariable String id, @Valid @RequestBody PasswordRequests.Reset body) {
        return accounts.resetPassword(caller(auth), Ids.parse(id), body.password())
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @PostMapping("/api-keys")
    Mono<ResponseEntity<CreatedApiKey>> createApiKey(
            JwtAuthenticationToken auth, @Valid @RequestBody NewApiKeyRequest body) {
        var spec = new Accounts.ApiKeySpec(
                body.name(), body.roles(), body.tenant(), body.expiresAt(), body.budgetUsd(), body.tenantsOrNone());
        return accounts.createApiKey(caller(auth), spec).map(created -> ResponseEntity.created(
                        URI.create("/api/auth/api-keys/" + created.key().id()))
                .cacheControl(CacheControl.noStore())
                .body(CreatedApiKey.of(created)));
    }

    @DeleteMapping("/api-keys/{id}")
    Mono<ResponseEntity<Void>> revokeApiKey(JwtAuthenticationToken auth, @PathVariable String id) {
        return accounts.revokeApiKey(caller(auth), Ids.parse(id))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @PostMapping("/api-keys/{id}/rotate")
    Mono<ResponseEntity<CreatedApiKey>> rotateApiKey(JwtAuthenticationToken auth, @PathVariable String id) {
        return accounts.rotateApiKey(caller(auth), Ids.parse(id))
                .map(rotated ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(CreatedApiKey.of(rotated)));
    }

    @GetMapping("/api-keys")
    Mono<Page<ApiKeyView>> apiKeys(
            JwtAuthenticationToken auth,
            @RequestParam(required = false) @Nullable String tenant,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        checkPaging(page, size);
        return accounts.apiKeys(caller(auth), tenant, page, size).map(p -> p.map(ApiKeyView::of));
    }

    private Caller caller(JwtAuthenticationToken auth) {
        return Caller.of(auth, props);
    }

    private static void checkPaging(int page, int size) {
        if (page < 0) {
            throw ApiProblem.badRequest("page: must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiProblem.badRequest("size: must be between 1 and " + MAX_PAGE_SIZE);
        }
    }
}
