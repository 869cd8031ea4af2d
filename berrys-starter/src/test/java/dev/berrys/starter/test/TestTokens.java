package dev.berrys.starter.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Signs tokens like the gateway does, with a key made for this test JVM. */
public final class TestTokens {
    public static final String TENANT = "default";
    private static final KeyPair KEYS = generate();

    private TestTokens() {}

    public static RSAPublicKey publicKey() {
        return (RSAPublicKey) KEYS.getPublic();
    }

    public static String admin() {
        return token("admin", TENANT, "ADMIN");
    }

    public static String operator() {
        return token("operator", TENANT, "OPERATOR");
    }

    public static String viewer() {
        return token("viewer", TENANT, "VIEWER");
    }

    public static String service(String tenant) {
        return token("berrys-services", tenant, "SERVICE");
    }

    public static String token(String subject, String tenant, String... roles) {
        return sign(subject, tenant, Instant.now().plusSeconds(900), roles);
    }

    /** A token that expires {@code after} from now, e.g. to see what outlives it. */
    public static String expiringIn(java.time.Duration after, String subject, String tenant, String... roles) {
        return sign(subject, tenant, Instant.now().plus(after), roles);
    }

    public static String expired(String subject, String tenant, String... roles) {
        return sign(subject, tenant, Instant.now().minusSeconds(60), roles);
    }

    /** A token with exactly these claims, signed by the test key (e.g. another issuer's claim names, an audience). */
    public static String signed(JWTClaimsSet claims) {
        try {
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims);
            jwt.sign(new RSASSASigner(KEYS.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String subject, String tenant, Instant expiresAt, String... roles) {
        try {
            var claims = new JWTClaimsSet.Builder()
                    .subject(subject)
                    .issuer("berrys")
                    .issueTime(new Date())
                    .expirationTime(Date.from(expiresAt))
                    .jwtID(UUID.randomUUID().toString())
                    .claim("roles", List.of(roles))
                    .claim("tenant", tenant)
                    .build();
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims);
            jwt.sign(new RSASSASigner(KEYS.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            var gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            return gen.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
