package dev.berrys.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.berrys.gateway.problem.ProblemTypes;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** The 401 detail names the problem, checked against the errors the real decoder raises. */
class ProblemSecurityHandlersTests {

    private static final RSAKey KEY = generate("k1");
    private final NimbusReactiveJwtDecoder decoder = decoder();

    @Test
    void noTokenAsksForOne() {
        var problem = ProblemSecurityHandlers.classify(new AuthenticationCredentialsNotFoundException("none"));
        assertThat(problem.type()).isEqualTo(ProblemTypes.UNAUTHORIZED);
        assertThat(problem.tokenPresent()).isFalse();
    }

    @Test
    void namesEachKindOfBadToken() throws Exception {
        Instant now = Instant.now();
        assertThat(classify("not.a.jwt").detail()).contains("malformed");
        assertThat(classify("garbage").detail()).contains("malformed");
        assertThat(classify(sign(generate("k1"), "berrys", now.plusSeconds(60))).detail())
                .contains("signature");
        assertThat(classify(sign(KEY, "elsewhere", now.plusSeconds(60))).detail())
                .contains("another issuer");
        var expired = classify(sign(KEY, "berrys", now.minusSeconds(3600)));
        assertThat(expired.type()).isEqualTo(ProblemTypes.TOKEN_EXPIRED);
    }

    private ProblemSecurityHandlers.TokenProblem classify(String token) {
        Throwable error = decoder.decode(token)
                .map(jwt -> (Throwable) new AssertionError("accepted"))
                .onErrorResume(e -> reactor.core.publisher.Mono.just(e))
                .block();
        // the resource server wraps decoder errors the same way
        return ProblemSecurityHandlers.classify(
                error instanceof AuthenticationException auth
                        ? auth
                        : new InvalidBearerTokenException(error.getMessage(), error));
    }

    private static NimbusReactiveJwtDecoder decoder() {
        try {
            NimbusReactiveJwtDecoder decoder =
                    NimbusReactiveJwtDecoder.withPublicKey(KEY.toRSAPublicKey()).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer("berrys"));
            return decoder;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(RSAKey key, String issuer, Instant expiresAt) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder()
                        .subject("s")
                        .issuer(issuer)
                        .issueTime(Date.from(expiresAt.minusSeconds(600)))
                        .expirationTime(Date.from(expiresAt))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
