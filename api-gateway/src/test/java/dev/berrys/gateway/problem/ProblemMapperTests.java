package dev.berrys.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebInputException;

class ProblemMapperTests {

    @Test
    void anUnexpectedErrorIsA500ThatShowsNothingOfTheException() {
        ProblemDetail problem =
                ProblemMapper.map(new IllegalStateException("password=hunter2 at db.internal:5432"), null);

        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(problem.getType()).isEqualTo(ProblemTypes.INTERNAL);
        assertThat(problem.getDetail()).doesNotContain("hunter2").doesNotContain("db.internal");
    }

    @Test
    void aRefusedConnectionIs503NamingTheService() {
        ProblemDetail problem = ProblemMapper.map(
                new RuntimeException("wrapped", new ConnectException("Connection refused: /10.0.0.7:8082")),
                "planning-system");

        assertThat(problem.getStatus()).isEqualTo(503);
        assertThat(problem.getDetail()).isEqualTo("The planning-system service is unreachable");
    }

    @Test
    void anOversizedBodyIs413() {
        ProblemDetail problem = ProblemMapper.map(
                new ServerWebInputException("x", null, new DataBufferLimitException("Exceeded limit on max bytes")),
                null);
        assertThat(problem.getStatus()).isEqualTo(413);
    }

    @Test
    void anUnreadableBodyIs400() {
        ProblemDetail problem =
                ProblemMapper.map(new ServerWebInputException("x", null, new DecodingException("bad")), null);
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getDetail()).isEqualTo("The request body is not valid JSON");
    }
}
