package dev.berrys.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.contracts.security.Role;
import dev.berrys.gateway.identity.Users;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Whole-context tests against the local PostgreSQL (database {@code test}) and Redis, with every
 * service route pointing at one stub service, except tool-integration, which points at a closed port, and
 * agent-orchestrator, whose first replica is that closed port and second the stub.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=${BERRYS_TEST_DB_URL:jdbc:postgresql://127.0.0.1:5432/test}",
            "logging.structured.format.console=",
            // several cached contexts share a PostgreSQL with other modules' tests
            "spring.datasource.hikari.maximum-pool-size=2",
            "berrys.auth.login.failure-delay=40ms",
            "berrys.auth.login.max-failures=5",
            "berrys.auth.login.lock-duration=1m",
            "berrys.auth.service-client.secret=it-service-secret-0123456789abcdef",
            // what another replica revokes counts here within a second, so tests need not wait long
            "berrys.auth.revocation-refresh=1s",
            // revocations published for the services: a key of these tests' own on the shared Redis
            "berrys.token.revocation-key=gateway-it-${random.uuid}:berrys.token-revocations"
        })
@ExtendWith(HangDump.class)
public abstract class GatewayIT {

    protected static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    protected static final StubService STUB = StubService.start();
    public static final String SERVICE_SECRET = "it-service-secret-0123456789abcdef";
    /** Nothing listens here: a route to it is a service that is down. */
    protected static final String CLOSED_PORT_URL = "http://127.0.0.1:1";

    /**
     * A new connection for every request: with kept-alive connections a request hung unanswered now and then on a
     * loaded machine (no gateway thread was busy or waiting, see {@link HangDump}); real clients retry on a
     * closed keep-alive connection, a test client should not depend on it.
     */
    protected WebTestClient web;

    @LocalServerPort
    private int port;

    @BeforeEach
    void client() {
        web = WebTestClient.bindToServer(
                        new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Autowired
    private Users users;

    @Autowired
    private PasswordEncoder passwords;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        for (String service : new String[] {
            "project-coordinator", "planning-system", "model-orchestration", "service-integration", "web-dashboard"
        }) {
            registry.add("berrys.services." + service, STUB::url);
        }
        registry.add("berrys.services.tool-integration", () -> CLOSED_PORT_URL);
        registry.add("berrys.services.agent-orchestrator", () -> CLOSED_PORT_URL + "," + STUB.url());
    }

    /** A fresh user name, so that tests never share login counters or rate limits. */
    protected static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected String createUser(String username, String password, String tenant, Role... roles) {
        users.create(username, passwords.encode(password), EnumSet.of(roles[0], roles), tenant);
        return username;
    }

    protected String tokenFor(String username, String password) {
        Map<String, Object> body = web.post()
                .uri("/api/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(body).containsKey("access_token");
        return (String) body.get("access_token");
    }

    /** Asserts a ProblemDetail with this status and answers its body. */
    protected static Map<String, Object> problem(WebTestClient.ResponseSpec response, HttpStatus status) {
        Map<String, Object> body = response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(body).containsKeys("type", "title", "status", "detail");
        assertThat(body.get("status")).isEqualTo(status.value());
        return body;
    }

    /** A new user with these roles in tenant {@code default}, and a token for them. */
    protected String tokenWithRoles(Role... roles) {
        return tokenWithRoles("default", roles);
    }

    /** A new user with these roles in this tenant, and a token for them. */
    protected String tokenWithRoles(String tenant, Role... roles) {
        String name = uniqueName("u");
        createUser(name, "password-for-" + name, tenant, roles);
        return tokenFor(name, "password-for-" + name);
    }

    /** A request with this bearer and, unless null, this JSON body. */
    protected WebTestClient.ResponseSpec call(HttpMethod method, String bearer, String uri, @Nullable Object body) {
        var request = web.method(method).uri(uri).headers(h -> h.setBearerAuth(bearer));
        return body == null
                ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .exchange();
    }

    /** Asserts the status and answers the JSON body. */
    protected static Map<String, Object> json(WebTestClient.ResponseSpec response, HttpStatus status) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }
}
