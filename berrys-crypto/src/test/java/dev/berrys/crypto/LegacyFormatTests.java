package dev.berrys.crypto;

import static dev.berrys.crypto.SecretCipher.NO_CONTEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Values sealed by the three ciphers this class replaced, computed by running them (key {@link
 * SecretCipherTests#KEY}) before they were deleted: what they stored in the databases still opens.
 */
class LegacyFormatTests {
    private final SecretCipher cipher = SecretCipher.fromConfiguration(SecretCipherTests.KEY);

    @Test
    void aProviderApiKeySealedByModelOrchestrationsApiKeyCipherOpens() {
        String sealed = "FSnCGcq5gVqX2xzxDGXCnL2T8IU0J90oppVBK3Psc02RfCj3+3NxbPagZhdDStgmPFS/WrxeIQ==";
        assertThat(cipher.decryptText(sealed, NO_CONTEXT)).isEqualTo("sk-legacy-provider-key-0001");
    }

    @Test
    void mcpCredentialsSealedByToolIntegrationsSecretBoxOpenOnlyForTheirRow() {
        String sealed = "Gg0QYKir56a+MVjR2CdOFKqYiKum2VILoukVND9/koYyqteSz5NKKB7WRHbFHbCR/pd+y/7bhJ+T/Dc1t/WQ";
        String row = "mcp-server:00000000-0000-0000-0000-000000000001";

        assertThat(cipher.decryptText(sealed, row)).isEqualTo("{\"bearerToken\":\"legacy-token-0001\"}");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "mcp-server:00000000-0000-0000-0000-000000000002"))
                .isInstanceOf(SecretCipher.Unreadable.class);
    }

    @Test
    void bytesSealedByTheGatewaysKeyEncryptionOpen() {
        String sealed = "z1WsPS0OgRlX/7QlaYS//myiDOcL/XWVbJaI6GpzptvxTikJFVGFl7hNSRk3Qvq8fd8PaA==";
        assertThat(cipher.decrypt(sealed, NO_CONTEXT))
                .isEqualTo("legacy signing key bytes".getBytes(StandardCharsets.UTF_8));
    }
}
