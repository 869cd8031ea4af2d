package dev.berrys.starter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.berrys.starter.test.BerrysIntegrationTest;
import dev.berrys.starter.test.TestTokens;
import io.lettuce.core.RedisClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service's resource server as a caller that skips the gateway meets it: the audience is checked, roles and
 * tenant are read through the configured claim names (here an external issuer's: {@code org} and the nested
 * {@code realm_access.roles}), and a subject the gateway revoked (published in Redis) is refused after the
 * refresh.
 */
@BerrysIntegrationTest
@TestPropertySource(
        properties = {
            "spring.application.name=token-test",
            "berrys.service.schema=bustest",
            "spring.flyway.locations=classpath:db/bustest,classpath:db/berrys-starter",
            "BERRYS_TOKEN_AUDIENCE=berrys-api",
            "BERRYS_TENANT_CLAIM=org",
            "BERRYS_ROLES_CLAIM=realm_access.roles",
            "BERRYS_REVOCATION_REFRESH=200ms"
        })
class TokenChecksIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    RedisClient redis;

    @Autowired
    SecurityProperties props;

    @Test
    void aTokenForTheAudienceIsAcceptedAndReadThroughTheConfiguredClaimNames() throws Exception {
        var response = whoami(token("alice", Instant.now(), c -> c.audience(List.of("x", "berrys-api"))));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("alice acme [ROLE_OPERATOR]");
    }

    @Test
    void aTokenWithoutTheAudienceOrForAnotherIsRefused() throws Exception {
        var none = whoami(token("alice", Instant.now(), c -> {}));
        var other = whoami(token("alice", Instant.now(), c -> c.audience("another-api")));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    }

    @Test
    void aSubjectTheGatewayRevokedIsRefusedHereWithinTheRefreshAndANewerTokenWorks() throws Exception {
        String subject = "revoked-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(5);
        String old = token(subject, before, c -> c.audience("berrys-api"));
        assertThat(whoami(old).statusCode()).isEqualTo(200); // also cached as verified from now on

        // what the gateway publishes when an admin disables the user or revokes the key
        try (var c = redis.connect()) {
            c.sync().hset(props.revocationKey(), subject, Long.toString(before.getEpochSecond() + 1));
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> whoami(old).statusCode() == 401);
        assertThat(whoami(token(subject, before.plusSeconds(2), c -> c.audience("berrys-api")))
                        .statusCode())
                .as("a token issued after the revocation")
                .isEqualTo(200);
    }

    private HttpResponse<String> whoami(String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/whoami"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String subject, Instant issuedAt, Consumer<JWTClaimsSet.Builder> more) {
        var claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer("https://idp.example")
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("realm_access", Map.of("roles", List.of("operator")))
                .claim("org", "acme");
        more.accept(claims);
        return TestTokens.signed(claims.build());
    }

    @SpringBootApplication
    @org.springframework.context.annotation.Import(WhoAmI.class)
    static class TokenTestApp {}

    @RestController
    static class WhoAmI {
        @GetMapping("/whoami")
        String whoami(Authentication auth) {
            return auth.getName() + " " + Tenants.require() + " "
                    + auth.getAuthorities().stream()
                            .map(GrantedAuthority::getAuthority)
                            .toList();
        }
    }
}
