package dev.berrys.tool.mcp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berrys.crypto.SecretCipher;
import dev.berrys.starter.net.AddressFilter;
import dev.berrys.starter.web.ProblemException;
import dev.berrys.tool.config.ToolProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** Without BERRYS_ENCRYPTION_KEY a server with credentials is refused before anything is stored or started. */
class McpServersWithoutKeyTests {

    @Test
    void credentialsWithoutAnEncryptionKeyAreA409SayingSo() {
        // no repository, connection pool or transaction: touching any of them would fail this test
        var servers = new McpServers(
                null,
                null,
                null,
                SecretCipher.fromConfiguration(""),
                new AddressFilter(List.of()),
                null,
                JsonMapper.builder().build(),
                new ToolProperties(
                        "",
                        null,
                        new ToolProperties.Mcp(
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(1),
                                Path.of("target/mcp-sandbox"),
                                "/usr/bin:/bin",
                                "default",
                                List.of("/bin/true"),
                                DataSize.ofGigabytes(1),
                                DataSize.ofMegabytes(4),
                                DataSize.ofMegabytes(1)),
                        Duration.ofMinutes(5)));
        var request = new McpServers.NewServer(
                "keyless",
                McpTransport.STDIO,
                "/bin/true",
                List.of(),
                Map.of(),
                null,
                new Credentials(null, null, Map.of("API_TOKEN", "t")),
                true);

        assertThatThrownBy(() -> servers.register("default", request))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    org.assertj.core.api.Assertions.assertThat(e.slug()).isEqualTo("encryption-key-missing");
                    org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains("BERRYS_ENCRYPTION_KEY");
                });
    }
}
