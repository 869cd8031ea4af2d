package dev.berrys.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.contracts.security.Role;
import dev.berrys.gateway.GatewayIT;
import dev.berrys.gateway.StubService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

class RoutingIT extends GatewayIT {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @LocalServerPort
    private int port;

    private String token;

    @BeforeEach
    void freshStub() {
        token = tokenWithRoles(Role.OPERATOR);
        STUB.clear();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/projects",
                "/api/projects/42/start",
                "/api/approvals/7/approve",
                "/api/plans/1",
                "/api/tasks",
                "/api/agents",
                "/api/agent-templates/3",
                "/api/executions/9",
                "/api/questions",
                "/api/questions/4",
                "/api/providers",
                "/api/models",
                "/api/model-usage",
                "/api/model-calls",
                "/api/budgets/1",
                "/api/routing-policies/2",
                "/api/memory",
                "/v1/models",
                "/api/workflows/5",
                "/api/dead-letters",
                "/api/system/health"
            })
    void everyApiPrefixReachesItsServiceWithPathAndQueryIntact(String path) throws Exception {
        web.get()
                .uri(path + "?projectId=p1&page=2")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.stub")
                .isEqualTo(true);

        StubService.Received received = STUB.take();
        assertThat(received.path()).isEqualTo(path);
        assertThat(received.query()).isEqualTo("projectId=p1&page=2");
    }

    @Test
    void authorizationAndTraceparentAreForwarded() throws Exception {
        web.get()
                .uri("/api/projects/42")
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
                })
                .exchange()
                .expectStatus()
                .isOk();

        StubService.Received received = STUB.take();
        assertThat(received.header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(received.header("traceparent"))
                .as("same trace continues downstream")
                .startsWith("00-" + TRACE_ID + "-");
    }

    @Test
    void servicesSeeTheGatewaysHostSoTheirLinksPointAtIt() throws Exception {
        web.get()
                .uri("/api/projects")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(STUB.take().header("Host")).isEqualTo("localhost:" + port);
    }

    @Test
    void serverSentEventsStreamThroughUnbuffered() {
        Flux<ServerSentEvent<String>> events = WebClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/api/projects/42/events")
                .headers(h -> h.setBearerAuth(token))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {});

        // the stub holds back the second event until the first has arrived here
        List<ServerSentEvent<String>> received = events.doOnNext(event -> STUB.firstEventSeen())
                .take(2)
                .collectList()
                .block(Duration.ofSeconds(10));

        assertThat(received).extracting(ServerSentEvent::event).containsExactly("project.started", "project.completed");
        assertThat(received.getFirst().data()).isEqualTo("{\"n\":1}");
    }

    @Test
    void unknownApiPathIs404Problem() {
        Map<String, Object> body = problem(
                web.get()
                        .uri("/api/nothing-here")
                        .headers(h -> h.setBearerAuth(token))
                        .exchange(),
                HttpStatus.NOT_FOUND);
        assertThat(body.get("type")).isEqualTo("https://berrys.dev/problems/not-found");
    }

    @Test
    void aRequestForAServiceWhoseFirstReplicaIsDownReachesTheOtherWithItsBody() throws Exception {
        for (int i = 0; i < 3; i++) {
            web.post()
                    .uri("/api/agents/a1/notes?n=" + i)
                    .headers(h -> h.setBearerAuth(token))
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .bodyValue("{\"note\":\"kept " + i + "\"}")
                    .exchange()
                    .expectStatus()
                    .isOk();

            StubService.Received received = STUB.take();
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.path()).isEqualTo("/api/agents/a1/notes");
            assertThat(received.query()).isEqualTo("n=" + i);
            assertThat(received.body()).isEqualTo("{\"note\":\"kept " + i + "\"}");
        }
    }

    @Test
    void aViewerReadsTheAgentsQuestionsButOnlyAWriterAnswersOne() throws Exception {
        String viewer = tokenWithRoles(Role.VIEWER);
        web.get()
                .uri("/api/questions?status=OPEN")
                .headers(h -> h.setBearerAuth(viewer))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(STUB.take().path()).isEqualTo("/api/questions");

        web.post()
                .uri("/api/questions/q1/answer")
                .headers(h -> h.setBearerAuth(viewer))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"answer\":\"yes\"}")
                .exchange()
                .expectStatus()
                .isForbidden();

        web.post()
                .uri("/api/questions/q1/answer")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"answer\":\"yes\"}")
                .exchange()
                .expectStatus()
                .isOk();
        StubService.Received answered = STUB.take();
        assertThat(answered.method()).isEqualTo("POST");
        assertThat(answered.path()).isEqualTo("/api/questions/q1/answer");
        assertThat(answered.body()).isEqualTo("{\"answer\":\"yes\"}");
    }

    @Test
    void unreachableServiceIs503ProblemNamingIt() {
        Map<String, Object> body = problem(
                web.get().uri("/api/tools").headers(h -> h.setBearerAuth(token)).exchange(),
                HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(body.get("type")).isEqualTo("https://berrys.dev/problems/service-unavailable");
        assertThat(body.get("detail")).isEqualTo("The tool-integration service is unreachable");
        assertThat(body.toString()).doesNotContain("Exception").doesNotContain("127.0.0.1");
    }

    @Test
    void everythingElseGoesToTheDashboardWithoutAToken() throws Exception {
        web.get().uri("/").exchange().expectStatus().isOk();
        assertThat(STUB.take().path()).isEqualTo("/");

        web.get().uri("/projects/42").exchange().expectStatus().isOk();
        assertThat(STUB.take().path()).isEqualTo("/projects/42");

        web.get().uri("/assets/index-abc.js").exchange().expectStatus().isOk();
        assertThat(STUB.take().path()).isEqualTo("/assets/index-abc.js");
    }

    @Test
    void eachServicesApiDocsAreProxiedForTheSwaggerUi() throws Exception {
        web.get()
                .uri("/v3/api-docs/planning-system")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.info.title")
                .isEqualTo("stub service");
        assertThat(STUB.take().path()).isEqualTo("/v3/api-docs");

        web.get()
                .uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(config -> assertThat(config)
                        .contains("/v3/api-docs/project-coordinator")
                        .contains("/v3/api-docs/model-orchestration")
                        .contains("\"/v3/api-docs\""));
    }
}
