package dev.berrys.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.gateway.GatewayApplication;
import dev.berrys.gateway.GatewayIT;
import dev.berrys.gateway.TestDatabase;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Starts the gateway as a process would (structured JSON logs on stdout) and reads everything it
 * wrote: a generated admin password is printed once, on its own lines, and is never part of a log
 * record; a configured secret never appears at all.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminPasswordIT {

    private static final Pattern PRINTED = Pattern.compile("password: (\\S+)");

    @Test
    void generatedAdminPasswordIsPrintedOnceAndNeverLogged(CapturedOutput output) {
        String admin = "it-admin-" + UUID.randomUUID().toString().substring(0, 8);
        // the cached contexts' secret: this gateway seeds the service client in the same database
        String serviceSecret = GatewayIT.SERVICE_SECRET;
        String configuredLater = "configured-later-" + UUID.randomUUID();
        String password;

        try (ConfigurableApplicationContext app = start(admin, "", serviceSecret)) {
            Matcher matcher = PRINTED.matcher(output.getOut());
            assertThat(matcher.find()).as("a generated password is printed").isTrue();
            password = matcher.group(1);
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            login(app, admin, password).expectStatus().isOk();
        }

        try (ConfigurableApplicationContext app = start(admin, configuredLater, serviceSecret)) {
            // the admin exists: a configured password does not replace the first one
            login(app, admin, password).expectStatus().isOk();
            login(app, admin, configuredLater).expectStatus().isUnauthorized();
        }

        String all = output.getAll();
        assertThat(occurrences(all, password))
                .as("printed exactly once over two starts")
                .isEqualTo(1);
        assertThat(Arrays.stream(all.split("\\R")).filter(line -> line.contains(password)))
                .as("the line with the password is not a log record")
                .allMatch(line -> !line.trim().startsWith("{"));
        assertThat(all.lines().filter(line -> line.trim().startsWith("{")))
                .as("there are structured log records")
                .isNotEmpty()
                .noneMatch(line -> line.contains(password));
        assertThat(all).doesNotContain(serviceSecret).doesNotContain(configuredLater);
        assertThat(all).doesNotContain("Using generated security password");
    }

    private static ConfigurableApplicationContext start(String admin, String adminPassword, String serviceSecret) {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + TestDatabase.URL,
                        "--spring.datasource.hikari.maximum-pool-size=2",
                        "--logging.structured.format.console=ecs",
                        "--berrys.auth.admin.username=" + admin,
                        "--berrys.auth.admin.password=" + adminPassword,
                        "--berrys.auth.service-client.secret=" + serviceSecret);
    }

    private static WebTestClient.ResponseSpec login(ConfigurableApplicationContext app, String user, String password) {
        String port = app.getEnvironment().getProperty("local.server.port");
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .post()
                .uri("/api/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user, "password", password))
                .exchange();
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
