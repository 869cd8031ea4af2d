package dev.berrys.gateway;

import dev.berrys.crypto.SecretPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The gateway's side of {@link SecretPolicy} (the servlet services get the same from berrys-starter): a published
 * or weak secret stops the start before the signing key is sealed or the service client is seeded, unless
 * {@code BERRYS_INSECURE_TRIAL=true}.
 */
public class StartupSecretsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(StartupSecretsCheck.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment env = event.getEnvironment();
        var secrets = new SecretPolicy.Secrets(
                env.getProperty("berrys.auth.service-client.secret"),
                env.getProperty("berrys.auth.encryption-key"),
                env.getProperty("spring.datasource.password"));
        SecretPolicy.enforce(secrets, env.getProperty(SecretPolicy.TRIAL_SWITCH, Boolean.class, false), log::warn);
    }

    /** After Boot's own listeners: the configuration is read and logging works. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
