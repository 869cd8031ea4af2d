package dev.berrys.gateway.requestsize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.contracts.security.Role;
import dev.berrys.gateway.GatewayIT;
import dev.berrys.gateway.StubService;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/** A request body past its route's limit is a 413 ProblemDetail at the gateway and never reaches a service. */
class RequestSizeIT extends GatewayIT {
    private static final int MB = 1024 * 1024;
    private String token;

    @BeforeEach
    void freshStub() {
        token = tokenWithRoles(Role.OPERATOR);
        STUB.clear();
    }

    @Test
    void aBodyPastTheDefaultLimitIsRefusedWith413AndNotPassedOn() throws Exception {
        web.post()
                .uri("/api/projects")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json(MB + 1))
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://berrys.dev/problems/payload-too-large")
                .jsonPath("$.maxBytes")
                .isEqualTo(MB);
        assertThat(STUB.poll(500)).isNull();
    }

    @Test
    void aChunkedBodyIsCutOffWhenItPassesTheLimit() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        Flux<DataBuffer> body = Flux.range(0, 20).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(chunk));
        web.post()
                .uri("/api/projects")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body, DataBuffer.class)
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://berrys.dev/problems/payload-too-large");
    }

    @Test
    void aRouteWithALargerLimitTakesABodyPastTheDefault() throws Exception {
        web.post()
                .uri("/v1/chat/completions")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json(2 * MB))
                .exchange()
                .expectStatus()
                .isOk();
        StubService.Received received = STUB.take();
        assertThat(received.body()).hasSize(2 * MB);

        web.post()
                .uri("/api/projects")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json(MB - 10))
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** A JSON string of exactly {@code bytes} bytes. */
    private static byte[] json(int bytes) {
        byte[] body = new byte[bytes];
        Arrays.fill(body, (byte) 'a');
        body[0] = '"';
        body[bytes - 1] = '"';
        return new String(body, StandardCharsets.US_ASCII).getBytes(StandardCharsets.US_ASCII);
    }
}
