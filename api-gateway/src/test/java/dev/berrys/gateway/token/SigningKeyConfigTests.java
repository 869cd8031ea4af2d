package dev.berrys.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SigningKeyConfigTests {

    @Test
    void aPkcs8PemGivesTheSameKeyWithAThumbprintKid() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        RSAKey fromPem = SigningKeyConfig.toJwk(SigningKeyConfig.parsePem(pem));
        RSAKey fromEscapedEnv = SigningKeyConfig.toJwk(SigningKeyConfig.parsePem(pem.replace("\n", "\\n")));

        assertThat(fromPem.getModulus().decodeToBigInteger()).isEqualTo(key.getModulus());
        assertThat(fromPem.getKeyID())
                .isEqualTo(fromPem.toPublicJWK().computeThumbprint().toString())
                .isEqualTo(fromEscapedEnv.getKeyID());
    }

    @Test
    void pkcs1AndGarbageAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> SigningKeyConfig.parsePem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"))
                .hasMessageContaining("PKCS#8");
        assertThatThrownBy(() -> SigningKeyConfig.parsePem("hello")).hasMessageContaining("BERRYS_JWT_PRIVATE_KEY");
    }
}
