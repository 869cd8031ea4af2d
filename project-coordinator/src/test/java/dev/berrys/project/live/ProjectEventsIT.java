package dev.berrys.project.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.contracts.events.PlanningEvents;
import dev.berrys.project.support.Api;
import dev.berrys.project.support.IntegrationTestBase;
import dev.berrys.starter.test.TestTokens;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/projects/{id}/events} streams that project's events, and only them, as they happen. */
class ProjectEventsIT extends IntegrationTestBase {

    @Test
    void aClientReceivesTheSnapshotThenTheProjectsEventsLiveWithKeepalives() throws Exception {
        UUID id = createProject("");
        UUID otherProject = createProject("");
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> response = follow(id, TestTokens.viewer(), lines);
        try {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            await().atMost(WAIT).until(() -> lines.contains("event:snapshot"));
            JsonNode snapshot = json.readTree(dataAfter(lines, "event:snapshot"));
            assertThat(snapshot.get("id").asString()).isEqualTo(id.toString());
            assertThat(snapshot.get("status").asString()).isEqualTo("DRAFT");

            // this service's own event, through the outbox and its stream
            api.post("/api/projects/" + id + "/start", admin(), null);
            // another service's event about this project, and one about another project
            UUID planId = UUID.randomUUID();
            UUID planEvent = emit(
                    Streams.PLANNING,
                    EventTypes.PLAN_CREATED,
                    id,
                    new PlanningEvents.PlanCreated(planId, id, 1, List.of(), List.of()));
            emit(
                    Streams.PLANNING,
                    EventTypes.PLAN_CREATED,
                    otherProject,
                    new PlanningEvents.PlanCreated(UUID.randomUUID(), otherProject, 1, List.of(), List.of()));

            await().atMost(WAIT)
                    .until(() -> lines.contains("event:" + EventTypes.PROJECT_STARTED)
                            && lines.contains("event:" + EventTypes.PLAN_CREATED));
            JsonNode started = json.readTree(dataAfter(lines, "event:" + EventTypes.PROJECT_STARTED));
            assertThat(started.get("specversion").asString()).isEqualTo("1.0");
            assertThat(started.get("type").asString()).isEqualTo(EventTypes.PROJECT_STARTED);
            assertThat(started.get("data").get("projectId").asString()).isEqualTo(id.toString());
            int planAt = lines.indexOf("event:" + EventTypes.PLAN_CREATED);
            assertThat(lines.get(planAt + 1)).isEqualTo("id:" + planEvent);
            assertThat(json.readTree(lines.get(planAt + 2).substring(5))
                            .get("data")
                            .get("planId")
                            .asString())
                    .isEqualTo(planId.toString());

            await().atMost(WAIT).until(() -> lines.contains(": keepalive"));
            assertThat(lines).noneMatch(line -> line.contains(otherProject.toString()));
        } finally {
            response.body().close();
        }
    }

    @Test
    void aClientOfAnotherTenantGetsNothingAndAnUnknownProjectIs404() throws Exception {
        UUID id = createProject("");
        String other = TestTokens.token("mallory", "other-tenant", "ADMIN");
        List<String> lines = new CopyOnWriteArrayList<>();

        HttpResponse<Stream<String>> refused = follow(id, other, lines);
        assertThat(refused.statusCode()).isEqualTo(404);
        refused.body().close();

        assertThat(api.get("/api/projects/" + UUID.randomUUID() + "/events", admin())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aClientThatLeavesIsForgotten() throws Exception {
        UUID id = createProject("");
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> response = follow(id, admin(), lines);
        await().atMost(WAIT).until(() -> lines.contains("event:snapshot"));

        response.body().close();

        // the next keepalive finds the connection closed and drops the subscriber
        await().atMost(WAIT).until(() -> !live.hasSubscribers(id));
    }

    @Test
    void aUserOrATenantPastItsCapOfOpenStreamsGets429UntilOneCloses() throws Exception {
        String tenant = "sse-" + UUID.randomUUID();
        String alice = TestTokens.token("alice", tenant, "OPERATOR");
        String bob = TestTokens.token("bob", tenant, "VIEWER");
        Api.Response created =
                api.post("/api/projects", alice, "{\"name\":\"capped\",\"goal\":\"Compare three databases\"}");
        UUID id = UUID.fromString(created.body().get("id").asString());
        List<HttpResponse<Stream<String>>> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(followed(id, alice));
            }
            List<String> refused = new CopyOnWriteArrayList<>();
            HttpResponse<Stream<String>> fourth = follow(id, alice, refused);
            assertThat(fourth.statusCode()).as("alice's fourth stream").isEqualTo(429);
            await().atMost(WAIT).until(() -> !refused.isEmpty());
            JsonNode problem = json.readTree(String.join("", refused));
            assertThat(problem.get("type").asString()).isEqualTo("https://berrys.dev/problems/too-many-streams");
            assertThat(problem.get("maxPerUser").asInt()).isEqualTo(3);

            open.add(followed(id, bob));
            open.add(followed(id, bob));
            HttpResponse<Stream<String>> sixth = follow(id, bob, new CopyOnWriteArrayList<>());
            assertThat(sixth.statusCode()).as("the tenant's sixth stream").isEqualTo(429);
            sixth.body().close();

            open.removeFirst().body().close();
            await().atMost(WAIT).until(() -> live.openStreams(tenant) == 4);
            open.add(followed(id, bob));
        } finally {
            open.forEach(r -> r.body().close());
        }
    }

    @Test
    void aStreamEndsWhenTheTokenThatOpenedItExpires() throws Exception {
        UUID id = createProject("");
        String shortLived = TestTokens.expiringIn(java.time.Duration.ofSeconds(3), "admin", TestTokens.TENANT, "ADMIN");
        List<String> lines = new CopyOnWriteArrayList<>();
        var ended = new java.util.concurrent.CountDownLatch(1);
        var request = api.request("/api/projects/" + id + "/events", shortLived)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<Stream<String>> response = api.client()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(30, TimeUnit.SECONDS);
        Thread.ofVirtual().start(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // cut off
            } finally {
                ended.countDown();
            }
        });
        await().atMost(WAIT).until(() -> lines.contains("event:snapshot"));

        assertThat(ended.await(15, TimeUnit.SECONDS))
                .as("the server ended the stream")
                .isTrue();
        await().atMost(WAIT).until(() -> !live.hasSubscribers(id));
    }

    /** An open stream whose snapshot arrived. */
    private HttpResponse<Stream<String>> followed(UUID id, String token) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> response = follow(id, token, lines);
        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> lines.contains("event:snapshot"));
        return response;
    }

    @org.springframework.beans.factory.annotation.Autowired
    LiveEvents live;

    /** Opens the stream and collects its lines on a virtual thread. */
    private HttpResponse<Stream<String>> follow(UUID id, String token, List<String> lines) throws Exception {
        var request = api.request("/api/projects/" + id + "/events", token)
                .header("Accept", "text/event-stream")
                .timeout(java.time.Duration.ofMinutes(2))
                .GET()
                .build();
        HttpResponse<Stream<String>> response = api.client()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(30, TimeUnit.SECONDS);
        Thread.ofVirtual().start(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
        return response;
    }

    private static String dataAfter(List<String> lines, String eventLine) {
        int at = lines.indexOf(eventLine);
        return lines.subList(at, lines.size()).stream()
                .filter(l -> l.startsWith("data:"))
                .findFirst()
                .orElseThrow()
                .substring(5);
    }
}
