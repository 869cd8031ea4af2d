package dev.berrys.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drives the real embedded server over HTTP (so the welcome-page forward for {@code /} is followed
 * as a browser sees it). The fixture app under src/test/resources/static stands in for the Vite
 * build, which is first on the test classpath.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SinglePageAppTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(
            strings = {"/", "/projects/6f1c2d9e-8a4b-4c1d-9e7f-0a1b2c3d4e5f", "/approvals", "/signin", "/projects/"})
    void clientRoutesAnswerWithIndexHtmlThatIsAlwaysRevalidated(String path) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("data-fixture=\"index\"");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/", "/projects/x", "/assets/index-Ab12Cd34.js", "/favicon.svg", "/actuator/health", "/nope.js"})
    void everyResponseCarriesTheContentSecurityPolicyAndSecurityHeaders(String path) throws Exception {
        HttpResponse<String> response = get(path);

        var headers = response.headers();
        assertThat(headers.allValues("Content-Security-Policy")).singleElement().satisfies(csp -> assertThat(
                        csp.split(";\\s*"))
                .contains(
                        "default-src 'self'",
                        "script-src 'self'",
                        "img-src 'self' data:",
                        "connect-src 'self'",
                        "object-src 'none'",
                        "frame-ancestors 'none'",
                        "base-uri 'self'")
                .noneSatisfy(d -> assertThat(d).contains("unsafe")));
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void hashedAssetsAreServedWithALongImmutableCache() throws Exception {
        HttpResponse<String> response = get("/assets/index-Ab12Cd34.js");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("fixture");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("javascript"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
    }

    @Test
    void otherStaticFilesAreServedAsThemselves() throws Exception {
        HttpResponse<String> response = get("/favicon.svg");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<svg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/assets/missing-0000.js", "/logo.png", "/api/projects", "/v1/models", "/actuator/env"})
    void missingFilesAndServerPathsAreNotFoundRatherThanHtml(String path) throws Exception {
        assertThat(get(path).statusCode()).isEqualTo(404);
    }

    @Test
    void actuatorExposesHealthProbesInfoAndPrometheusOnly() throws Exception {
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
        HttpResponse<String> prometheus = get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_");
        assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
