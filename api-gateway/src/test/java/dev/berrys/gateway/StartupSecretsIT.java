package dev.berrys.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berrys.crypto.SecretPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The gateway refuses the secrets docker-compose.yml used to fall back to, and says why without the value. */
@ExtendWith(OutputCaptureExtension.class)
class StartupSecretsIT {

    private static final String PUBLISHED_SECRET = "berrys-insecure-dev-service-secret";
    private static final String PUBLISHED_KEY = "YmVycnlzLWluc2VjdXJlLWRldi1rZXktMzItYnl0ZXM=";

    @Test
    void theGatewayDoesNotStartWithPublishedSecrets(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                        .run(
                                "--server.port=0",
                                "--spring.datasource.url=" + TestDatabase.URL,
                                "--berrys.auth.service-client.secret=" + PUBLISHED_SECRET,
                                "--berrys.auth.encryption-key=" + PUBLISHED_KEY))
                .isInstanceOf(SecretPolicy.InsecureSecrets.class)
                .hasMessageContaining("BERRYS_SERVICE_CLIENT_SECRET")
                .hasMessageContaining("BERRYS_ENCRYPTION_KEY");

        assertThat(output.getAll())
                .contains("Refusing to start")
                .doesNotContain(PUBLISHED_SECRET)
                .doesNotContain(PUBLISHED_KEY);
    }

    @Test
    void aShortServiceSecretIsRefused() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                        .run("--server.port=0", "--berrys.auth.service-client.secret=sixteen-chars-xx"))
                .isInstanceOf(SecretPolicy.InsecureSecrets.class)
                .hasMessageContaining("shorter than 32");
    }
}
