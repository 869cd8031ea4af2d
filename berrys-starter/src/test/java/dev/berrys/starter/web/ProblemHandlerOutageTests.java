package dev.berrys.starter.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A database connection that cannot be had (the pool's timeout ran out, the database is unreachable) is an
 * outage: 503 {@code service-unavailable} with {@code Retry-After}, which callers wait out, never a 500
 * they would count as a failed attempt; the driver's message is not shown. Anything else stays a 500.
 */
class ProblemHandlerOutageTests {
    MockMvc mvc;

    @RestController
    static class Failing {
        @GetMapping("/fail/{how}")
        String fail(@PathVariable String how) {
            throw switch (how) {
                // what Hikari throws when no connection came within connection-timeout, as Spring wraps it
                // when a transaction begins
                case "pool-transaction" ->
                    new CannotCreateTransactionException(
                            "Could not open JPA EntityManager for transaction",
                            new SQLTransientConnectionException(
                                    "HikariPool-1 - Connection is not available, request timed out after 5000ms"
                                            + " (total=4, active=4, idle=0, waiting=3)"));
                // ... and by JdbcTemplate outside a transaction
                case "pool-jdbc" ->
                    new CannotGetJdbcConnectionException(
                            "Failed to obtain JDBC Connection", new SQLTransientConnectionException("timed out"));
                case "unreachable" ->
                    new DataAccessResourceFailureException(
                            "db 10.0.0.7 user berrys", new SQLException("refused", "08001"));
                // a wrapper that is not a Spring data access exception, with the pool's timeout as its cause
                case "wrapped" ->
                    new JpaSystemException(new RuntimeException(new SQLTransientConnectionException("timed out")));
                default -> new IllegalStateException("a bug at 10.0.0.7");
            };
        }
    }

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.standaloneSetup(new Failing())
                .setControllerAdvice(new ProblemHandler())
                .build();
    }

    @Test
    void noConnectionFromThePoolIsA503WithRetryAfter() throws Exception {
        for (String how : new String[] {"pool-transaction", "pool-jdbc", "unreachable", "wrapped"}) {
            mvc.perform(get("/fail/" + how))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", String.valueOf(ProblemHandler.RETRY_AFTER_SECONDS)))
                    .andExpect(header().string("Content-Type", "application/problem+json"))
                    .andExpect(jsonPath("$.type").value("https://berrys.dev/problems/service-unavailable"))
                    .andExpect(jsonPath("$.status").value(503))
                    .andExpect(jsonPath("$.detail")
                            .value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.anyOf(
                                    org.hamcrest.Matchers.containsString("Hikari"),
                                    org.hamcrest.Matchers.containsString("10.0.0.7")))));
        }
    }

    @Test
    void anyOtherErrorStaysA500WithoutItsMessage() throws Exception {
        mvc.perform(get("/fail/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.type").value("https://berrys.dev/problems/internal-error"))
                .andExpect(jsonPath("$.detail").value("An unexpected error occurred."));
    }
}
