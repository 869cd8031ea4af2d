package dev.berrys.starter.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

class OutagePolicyTests {
    final OutagePolicy policy = new OutagePolicy(new OutageProperties(
            Duration.ofMillis(300), Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(180)));

    @Test
    void unreachableOrUnavailableDependenciesAreOutagesAndRefusalsAreNot() {
        assertThat(Outages.isOutage(new ResourceAccessException("io", new ClosedChannelException())))
                .isTrue();
        assertThat(Outages.isOutage(new IllegalStateException("wrapped", new ConnectException("refused"))))
                .isTrue();
        assertThat(Outages.isOutage(server(HttpStatus.SERVICE_UNAVAILABLE))).isTrue();
        assertThat(Outages.isOutage(server(HttpStatus.BAD_GATEWAY))).isTrue();
        assertThat(Outages.isOutage(server(HttpStatus.GATEWAY_TIMEOUT))).isTrue();
        assertThat(Outages.isOutage(new CannotGetJdbcConnectionException("down")))
                .isTrue();
        assertThat(Outages.isOutage(new IllegalStateException(new SQLException("gone", "08006"))))
                .isTrue();

        assertThat(Outages.isOutage(server(HttpStatus.INTERNAL_SERVER_ERROR))).isFalse();
        assertThat(Outages.isOutage(HttpClientErrorException.create(
                        HttpStatus.PAYMENT_REQUIRED, "budget", new HttpHeaders(), new byte[0], null)))
                .isFalse();
        assertThat(Outages.isOutage(new DataIntegrityViolationException("duplicate")))
                .isFalse();
        assertThat(Outages.isOutage(new IllegalArgumentException("bad event"))).isFalse();
    }

    @Test
    void theBackoffDoublesUpToItsCapWithJitter() {
        assertThat(policy.backoff(1, 0.5)).isEqualTo(Duration.ofMillis(10));
        assertThat(policy.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(20));
        assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(40));
        assertThat(policy.backoff(30, 0.5)).isEqualTo(Duration.ofMillis(40));
        assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ofMillis(30));
        assertThat(policy.backoff(3, 0.999)).isBetween(Duration.ofMillis(49), Duration.ofMillis(50));
    }

    @Test
    void aCallWaitsThroughAnOutageAndTellsWhenItStartedAndEnded() throws InterruptedException {
        var tries = new AtomicInteger();
        List<String> told = new ArrayList<>();
        String answer = policy.call("model-orchestration", waiting(told), () -> {
            if (tries.incrementAndGet() < 4) {
                throw new ResourceAccessException("io", new ConnectException("Connection refused"));
            }
            return "answer";
        });

        assertThat(answer).isEqualTo("answer");
        assertThat(tries).hasValue(4);
        assertThat(told)
                .containsExactly(
                        "started: model-orchestration unavailable: ConnectException: Connection refused", "ended");
    }

    @Test
    void aFailureOfTheWorkIsThrownAtOnce() {
        var tries = new AtomicInteger();
        List<String> told = new ArrayList<>();
        assertThatThrownBy(() -> policy.call("model-orchestration", waiting(told), () -> {
                    tries.incrementAndGet();
                    throw new IllegalArgumentException("invalid output");
                }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tries).hasValue(1);
        assertThat(told).isEmpty();
    }

    @Test
    void anOutageLongerThanTheToleranceEndsTheWait() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> policy.call("tool-integration", OutagePolicy.Waiting.NONE, () -> {
                    throw server(HttpStatus.SERVICE_UNAVAILABLE);
                }))
                .isInstanceOf(OutagePolicy.OutageOutlasted.class)
                .hasMessageContaining("tool-integration unavailable: HTTP 503");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
    }

    @Test
    void aWaitBegunBeforeARestartCountsAgainstTheTolerance() {
        var tries = new AtomicInteger();
        assertThatThrownBy(() -> policy.call(
                        "model-orchestration", Instant.now().minusSeconds(60), OutagePolicy.Waiting.NONE, () -> {
                            tries.incrementAndGet();
                            throw server(HttpStatus.BAD_GATEWAY);
                        }))
                .isInstanceOf(OutagePolicy.OutageOutlasted.class);
        assertThat(tries).hasValue(1);
    }

    private static OutagePolicy.Waiting waiting(List<String> told) {
        return new OutagePolicy.Waiting() {
            @Override
            public void started(String reason, Instant since) {
                told.add("started: " + reason);
            }

            @Override
            public void ended() {
                told.add("ended");
            }
        };
    }

    private static HttpServerErrorException server(HttpStatus status) {
        return HttpServerErrorException.create(status, status.getReasonPhrase(), new HttpHeaders(), new byte[0], null);
    }
}
