package dev.berrys.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

/** An outage of the gateway's database is answered as the services answer theirs: 503 with Retry-After. */
class ProblemExceptionHandlerTests {
    private final ProblemExceptionHandler handler =
            new ProblemExceptionHandler(new ProblemWriter(JsonMapper.builder().build()));

    @Test
    void aDatabaseOutageIs503WithRetryAfterAsTheServletServicesAnswerIt() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/keys"));

        handler.handle(
                        exchange,
                        new DataAccessResourceFailureException(
                                "no connection", new ConnectException("Connection refused")))
                .block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo(String.valueOf(ProblemMapper.RETRY_AFTER_SECONDS))
                .isEqualTo("2");
    }

    @Test
    void anUnreachableServiceAndAnUnexpectedErrorSayNothingOfRetrying() {
        var unreachable = MockServerWebExchange.from(MockServerHttpRequest.get("/api/projects"));
        handler.handle(unreachable, new RuntimeException("x", new ConnectException("refused")))
                .block();
        var unexpected = MockServerWebExchange.from(MockServerHttpRequest.get("/api/projects"));
        handler.handle(unexpected, new IllegalStateException("bug")).block();

        assertThat(unreachable.getResponse().getStatusCode().value()).isEqualTo(503);
        assertThat(unreachable.getResponse().getHeaders().containsHeader(HttpHeaders.RETRY_AFTER))
                .isFalse();
        assertThat(unexpected.getResponse().getStatusCode().value()).isEqualTo(500);
        assertThat(unexpected.getResponse().getHeaders().containsHeader(HttpHeaders.RETRY_AFTER))
                .isFalse();
    }
}
