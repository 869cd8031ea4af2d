package dev.berrys.starter.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berrys.crypto.SecretPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

class StartupSecretsCheckTests {

    @Test
    void aServiceDoesNotStartWithThePublishedServiceSecret() {
        SpringApplication app = new SpringApplication(Empty.class);
        app.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> app.run(
                        "--berrys.security.service-client-secret=berrys-insecure-dev-service-secret",
                        "--spring.autoconfigure.exclude=*"))
                .isInstanceOf(SecretPolicy.InsecureSecrets.class)
                .hasMessageContaining("BERRYS_SERVICE_CLIENT_SECRET")
                .hasMessageNotContaining("berrys-insecure-dev-service-secret");
    }

    @Test
    void thePublishedEncryptionKeyAndDatabasePasswordAreRefused() {
        var env = new MockEnvironment()
                .withProperty("BERRYS_ENCRYPTION_KEY", "YmVycnlzLWluc2VjdXJlLWRldi1rZXktMzItYnl0ZXM=")
                .withProperty("spring.datasource.password", "berrys-insecure-dev-password");

        assertThatThrownBy(() -> StartupSecretsCheck.check(env))
                .hasMessageContaining("BERRYS_ENCRYPTION_KEY")
                .hasMessageContaining("BERRYS_DB_PASSWORD");
    }

    @Test
    void theTrialSwitchLetsAShortSecretStart() {
        var env = new MockEnvironment().withProperty("berrys.security.service-client-secret", "short");
        assertThatThrownBy(() -> StartupSecretsCheck.check(env)).hasMessageContaining("shorter than 32");

        env.setProperty("BERRYS_INSECURE_TRIAL", "true");
        assertThatCode(() -> StartupSecretsCheck.check(env)).doesNotThrowAnyException();
    }

    @Test
    void unsetSecretsAreNotJudged() {
        assertThatCode(() -> StartupSecretsCheck.check(new MockEnvironment())).doesNotThrowAnyException();
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {}
}
