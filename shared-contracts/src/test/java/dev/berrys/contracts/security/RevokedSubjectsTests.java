package dev.berrys.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RevokedSubjectsTests {

    @Test
    void aTokenIssuedAtOrBeforeTheRevocationIsRevokedANewerOneIsNot() {
        try (var subjects = new RevokedSubjects("test-revocations")) {
            subjects.add("alice", 100);

            assertThat(subjects.isRevoked("alice", Instant.ofEpochSecond(99))).isTrue();
            assertThat(subjects.isRevoked("alice", Instant.ofEpochSecond(100))).isTrue();
            assertThat(subjects.isRevoked("alice", Instant.ofEpochSecond(101))).isFalse();
            assertThat(subjects.isRevoked("alice", null))
                    .as("no iat: any revocation")
                    .isTrue();
            assertThat(subjects.isRevoked("bob", null)).isFalse();
            assertThat(subjects.isRevoked(null, null)).isFalse();
        }
    }

    @Test
    void replacingKeepsOnlyTheAddedRevocationsFromTheGivenSecondOn() {
        try (var subjects = new RevokedSubjects("test-revocations")) {
            subjects.add("old", 10);
            subjects.add("recent", 50);

            Map<String, Long> now = subjects.replace(Map.of("bob", 20L, "recent", 40L), 30);

            assertThat(now).containsOnly(Map.entry("bob", 20L), Map.entry("recent", 50L));
            assertThat(subjects.replace(Map.of("carol", 5L), Long.MAX_VALUE)).containsOnly(Map.entry("carol", 5L));
            assertThat(subjects.isRevoked("bob", null)).isFalse();
        }
    }

    @Test
    void aFailingRefreshKeepsTheLastCopyAndTheScheduleGoesOn() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        try (var subjects = new RevokedSubjects("test-revocations")) {
            subjects.replace(Map.of("alice", 1L), Long.MAX_VALUE);
            subjects.refreshEvery(Duration.ZERO, Duration.ofMillis(10), () -> {
                runs.incrementAndGet();
                third.countDown();
                throw new IllegalStateException("store down");
            });

            assertThat(third.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(subjects.isRevoked("alice", null)).isTrue();
        }
        assertThat(runs).hasValueGreaterThanOrEqualTo(3);
    }
}
