package dev.berrys.tool.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.starter.test.TestTokens;
import dev.berrys.tool.support.Api;
import dev.berrys.tool.support.LocalHttpServer;
import dev.berrys.tool.support.ToolIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * http_get against a local server reached as {@code localhost} (allow-listed). The refused addresses are
 * refused before any connection is attempted, so no packet leaves the loopback interface.
 */
@ToolIntegrationTest
class HttpGetIT {
    @LocalServerPort
    int port;

    Api api;
    LocalHttpServer site;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        site = new LocalHttpServer();
        site.handle("/page", e -> LocalHttpServer.respond(e, 200, "text/plain; charset=utf-8", "hello from the page"));
        site.handle("/big", e -> LocalHttpServer.respond(e, 200, "text/html", "x".repeat(5000)));
        site.handle("/hop", e -> LocalHttpServer.redirect(e, "/page"));
        site.handle("/to-loopback", e -> LocalHttpServer.redirect(e, "http://127.0.0.1:" + site.port() + "/secret"));
        site.handle("/to-metadata", e -> LocalHttpServer.redirect(e, "http://169.254.169.254/latest/meta-data/"));
        site.handle("/loop", e -> LocalHttpServer.redirect(e, "/loop"));
        site.handle("/secret", e -> LocalHttpServer.respond(e, 200, "text/plain", "internal secret"));
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    private Api.Response get(Map<String, Object> arguments) {
        return api.post("/api/tools/http_get/execute", TestTokens.service("default"), Map.of("arguments", arguments));
    }

    @Test
    void fetchesAnAllowListedUrlWithStatusContentTypeAndText() {
        var result = get(Map.of("url", site.url("/page")));
        assertThat(result.body().path("status").asString())
                .as(result.toString())
                .isEqualTo("SUCCEEDED");
        assertThat(result.body().at("/result/status").asInt()).isEqualTo(200);
        assertThat(result.body().at("/result/contentType").asString()).startsWith("text/plain");
        assertThat(result.body().at("/result/text").asString()).isEqualTo("hello from the page");
        assertThat(result.body().at("/result/truncated").asBoolean()).isFalse();
    }

    @Test
    void capsTheBodyAtMaxBytes() {
        var result = get(Map.of("url", site.url("/big"), "maxBytes", 100));
        assertThat(result.body().at("/result/text").asString()).hasSize(100);
        assertThat(result.body().at("/result/truncated").asBoolean()).isTrue();
        assertThat(result.body().at("/result/bytes").asInt()).isEqualTo(100);
    }

    @Test
    void followsARedirectThatStaysAllowed() {
        var result = get(Map.of("url", site.url("/hop")));
        assertThat(result.body().at("/result/text").asString()).isEqualTo("hello from the page");
        assertThat(result.body().at("/result/url").asString()).endsWith("/page");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "http://127.0.0.1:9/, loopback",
        "http://10.0.0.1/, private",
        "http://169.254.169.254/latest/meta-data/, link-local",
        "http://[::1]:9/, loopback",
        "http://0.0.0.0:9/, unspecified",
        "file:///etc/passwd, Only http and https",
    })
    void refusesPrivateLoopbackAndLinkLocalAddresses(String url, String reason) {
        var result = get(Map.of("url", url));
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(result.body().path("error").asString()).contains(reason);
    }

    @Test
    void refusesARedirectToLoopbackOrMetadataWithoutFollowingIt() {
        var loopback = get(Map.of("url", site.url("/to-loopback")));
        assertThat(loopback.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(loopback.body().path("error").asString())
                .contains("127.0.0.1")
                .contains("loopback");

        var metadata = get(Map.of("url", site.url("/to-metadata")));
        assertThat(metadata.body().path("error").asString()).contains("link-local");

        assertThat(site.requests).noneMatch(r -> r.contains("/secret"));
    }

    @Test
    void stopsAfterThreeRedirects() {
        var result = get(Map.of("url", site.url("/loop")));
        assertThat(result.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(result.body().path("error").asString()).contains("Too many redirects");
        assertThat(site.requests.stream().filter(r -> r.contains("/loop"))).hasSize(4);
    }

    @Test
    void aMaxBytesOutsideTheSchemaIsAFailedResultNamingIt() {
        var result = get(Map.of("url", site.url("/page"), "maxBytes", 0));
        assertThat(result.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(result.body().path("error").asString()).contains("maxBytes");
        assertThat(site.requests).isEmpty();
    }
}
