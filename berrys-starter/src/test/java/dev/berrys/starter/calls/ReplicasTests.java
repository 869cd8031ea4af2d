package dev.berrys.starter.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.berrys.contracts.replicas.ReplicaOrder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

class ReplicasTests {
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void callsGoToEachReplicaInTurnWithPathAndQueryKept() throws IOException {
        String a = replica("a");
        String b = replica("b");
        RestClient client = client(a + ", " + b + "/");

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(
                    client.post().uri("/api/echo?n={n}", i).body("x").retrieve().body(String.class));
        }

        assertThat(answers).containsExactly("a /api/echo?n=0", "b /api/echo?n=1", "a /api/echo?n=2", "b /api/echo?n=3");
    }

    @Test
    void aReplicaThatRefusesConnectionsIsSkippedAndTheCallGoesToAnother() throws IOException {
        String down = "http://127.0.0.1:" + freePort();
        String up = replica("up");
        RestClient client = client(down + "," + up);

        for (int i = 0; i < 3; i++) {
            assertThat(client.get().uri("/x").retrieve().body(String.class)).isEqualTo("up /x");
        }
    }

    @Test
    void aRefusedReplicaIsPassedOverForAWhileThenTriedAgain() throws IOException {
        AtomicLong now = new AtomicLong();
        var replicas = new Replicas("http://127.0.0.1:" + freePort() + "," + replica("up"), now::get);
        RestClient client = RestClient.builder()
                .baseUrl(replicas.first())
                .requestInterceptor(replicas)
                .build();

        assertThat(client.get().uri("/x").retrieve().body(String.class)).isEqualTo("up /x");

        assertThat(replicas.order()).containsExactly(1, 0);
        assertThat(replicas.order())
                .as("replica 0's turn, but it refused lately")
                .containsExactly(1, 0);
        now.addAndGet(ReplicaOrder.SKIP_REFUSED.toNanos() + 1);
        assertThat(replicas.order()).containsExactly(1, 0);
        assertThat(replicas.order()).containsExactly(0, 1);
    }

    @Test
    void whenEveryReplicaRefusesTheRefusalReachesTheCallerAsAnOutage() throws IOException {
        RestClient client = client("http://127.0.0.1:" + freePort() + ",http://127.0.0.1:" + freePort());

        assertThatThrownBy(() -> client.get().uri("/x").retrieve().toBodilessEntity())
                .satisfies(
                        e -> assertThat(Outages.isOutage((RuntimeException) e)).isTrue());
    }

    @Test
    void aSettingWithoutAUrlIsRefused() {
        assertThatThrownBy(() -> new Replicas(" , ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Replicas.parse("http://a:1/ ,http://b:2")).containsExactly("http://a:1", "http://b:2");
    }

    private RestClient client(String baseUrls) {
        var replicas = new Replicas(baseUrls);
        return RestClient.builder()
                .baseUrl(replicas.first())
                .requestFactory(new JdkClientHttpRequestFactory(HttpClient.newHttpClient()))
                .requestInterceptor(replicas)
                .build();
    }

    private String replica(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = (name + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
