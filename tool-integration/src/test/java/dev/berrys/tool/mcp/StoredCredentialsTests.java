package dev.berrys.tool.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berrys.crypto.SecretCipher;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Credentials are sealed to their server's row, in the form tool-integration has always stored. */
class StoredCredentialsTests {
    private static final SecretCipher CIPHER =
            SecretCipher.fromConfiguration("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    private static final UUID SERVER = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Test
    void credentialsSealedBeforeTheSharedCipherStillOpenForTheirServer() {
        // sealed by the former SecretBox with the key above for SERVER
        String sealed = "Gg0QYKir56a+MVjR2CdOFKqYiKum2VILoukVND9/koYyqteSz5NKKB7WRHbFHbCR/pd+y/7bhJ+T/Dc1t/WQ";
        assertThat(CIPHER.decryptText(sealed, RegisteredServer.credentialsContext(SERVER)))
                .isEqualTo("{\"bearerToken\":\"legacy-token-0001\"}");
    }

    @Test
    void credentialsCopiedOntoAnotherServerDoNotOpen() {
        String sealed = CIPHER.encryptText("{}", RegisteredServer.credentialsContext(SERVER));
        assertThatThrownBy(() -> CIPHER.decrypt(sealed, RegisteredServer.credentialsContext(UUID.randomUUID())))
                .isInstanceOf(SecretCipher.Unreadable.class);
    }
}
