package dev.berrys.tool.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Recording a tool's run outlasts a short database outage, and says "the tool ran" when it cannot. */
class RecordRetryTests {

    @Test
    void aShortOutageIsWaitedOut() {
        AtomicInteger tries = new AtomicInteger();
        new RecordRetry(Duration.ofSeconds(10)).run(() -> {
            if (tries.incrementAndGet() < 3) {
                throw new CannotGetJdbcConnectionException("no connection");
            }
        });
        assertThat(tries).hasValue(3);
    }

    @Test
    void aFailureOfTheWriteItselfIsNotTriedAgain() {
        AtomicInteger tries = new AtomicInteger();
        var broken = new DataIntegrityViolationException("constraint");
        assertThatThrownBy(() -> new RecordRetry(Duration.ofSeconds(10)).run(() -> {
                    tries.incrementAndGet();
                    throw broken;
                }))
                .isInstanceOf(RecordRetry.ToolRanUnrecorded.class)
                .satisfies(e -> assertThat(((RecordRetry.ToolRanUnrecorded) e).original())
                        .isSameAs(broken));
        assertThat(tries).hasValue(1);
    }

    @Test
    void anOutageLongerThanThePatienceSaysTheToolRan() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> new RecordRetry(Duration.ofSeconds(2)).run(() -> {
                    tries.incrementAndGet();
                    throw new CannotGetJdbcConnectionException("still down");
                }))
                .isInstanceOf(RecordRetry.ToolRanUnrecorded.class)
                .satisfies(e -> assertThat(((RecordRetry.ToolRanUnrecorded) e).original())
                        .isInstanceOf(CannotGetJdbcConnectionException.class));
        // pauses of 100, 200, 400 and 800 ms fit in 2 s: tried again, but not for ever
        assertThat(tries.get()).isBetween(2, 6);
    }
}
