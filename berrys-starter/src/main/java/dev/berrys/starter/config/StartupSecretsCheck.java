package dev.berrys.starter.config;

import dev.berrys.crypto.SecretPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Stops a service before it touches anything when it is given a published or weak secret (see {@link
 * SecretPolicy}), unless {@code BERRYS_INSECURE_TRIAL=true}. Runs once the configuration is read and logging is
 * set up, i.e. before any bean, connection or stored value exists.
 */
public class StartupSecretsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(StartupSecretsCheck.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    static void check(Environment env) {
        var secrets = new SecretPolicy.Secrets(
                env.getProperty("berrys.security.service-client-secret"),
                env.getProperty("BERRYS_ENCRYPTION_KEY"),
                env.getProperty("spring.datasource.password"));
        boolean trial = env.getProperty(SecretPolicy.TRIAL_SWITCH, Boolean.class, false);
        SecretPolicy.enforce(secrets, trial, log::warn);
    }

    /** After Boot's own listeners: the configuration files are read and logging works. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
