package dev.berrys.gateway.identity;

import dev.berrys.contracts.security.Role;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Seeds the first admin and the services' API key at start-up. Safe when several replicas start
 * together: inserts are insert-if-absent, and only the replica whose insert won prints a generated
 * password. No secret ever goes to a log line.
 */
@Component
@BuiltInIssuer
class IdentityBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);
    private static final int GENERATED_PASSWORD_BYTES = 18;

    private final Users users;
    private final ApiKeys apiKeys;
    private final PasswordEncoder passwords;
    private final AuthProperties props;

    IdentityBootstrap(Users users, ApiKeys apiKeys, PasswordEncoder passwords, AuthProperties props) {
        this.users = users;
        this.apiKeys = apiKeys;
        this.passwords = passwords;
        this.props = props;
    }

    @Override
    public void run(ApplicationArguments args) {
        seedAdmin();
        seedServiceClient();
    }

    private void seedAdmin() {
        String username = Credentials.normalizeUsername(props.admin().username());
        if (users.exists(username)) {
            return;
        }
        boolean generated = props.admin().password().isEmpty();
        String password = generated
                ? Credentials.randomSecret(GENERATED_PASSWORD_BYTES)
                : props.admin().password();
        if (password.length() < Credentials.MIN_PASSWORD_LENGTH || !Credentials.fitsBcrypt(password)) {
            throw new IllegalStateException("BERRYS_ADMIN_PASSWORD must be 12 to 72 characters long");
        }
        boolean created = users.createIfAbsent(username, hash(password), EnumSet.of(Role.ADMIN), props.defaultTenant());
        if (!created) {
            return;
        }
        log.info("Created the first admin user '{}' in tenant '{}'", username, props.defaultTenant());
        if (generated) {
            // stdout, not the logger: shown once to whoever started the gateway, never shipped with logs
            System.out.println("""

                    ======================================================================
                     Berrys: first admin user created
                       username: %s
                       password: %s
                     Shown once. Set BERRYS_ADMIN_PASSWORD to choose it yourself.
                    ======================================================================
                    """.formatted(username, password));
            System.out.flush();
        }
    }

    private void seedServiceClient() {
        AuthProperties.ServiceClient client = props.serviceClient();
        if (client.secret().isEmpty()) {
            return;
        }
        if (!Credentials.fitsBcrypt(client.secret())) {
            throw new IllegalStateException("BERRYS_SERVICE_CLIENT_SECRET must be at most 72 bytes");
        }
        apiKeys.upsert(
                client.clientId(),
                hash(client.secret()),
                EnumSet.of(Role.SERVICE),
                props.defaultTenant(),
                "Berrys services",
                Set.copyOf(client.tenants()));
        log.info(
                "Service client '{}' is ready (role SERVICE, tenants {})",
                client.clientId(),
                String.join(",", client.tenants()));
    }

    /** A hash of a password or secret: never null for a non-null input. */
    private String hash(String raw) {
        return Objects.requireNonNull(passwords.encode(raw));
    }
}
