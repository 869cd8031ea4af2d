package dev.berrys.planning.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berrys.starter.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskLifecycleTests {
    final Instant now = Instant.parse("2026-01-01T10:00:00Z");
    final Plan plan = new Plan(UUID.randomUUID(), "t", UUID.randomUUID(), 1, "goal", null, 2, now);
    final Task task = new Task(UUID.randomUUID(), plan, 0, "a", "A", "do a", "writer", List.of(), 0, 0);

    @Test
    void aTaskMovesFromPendingThroughAnAttemptToCompleted() {
        task.ready();
        task.assign(UUID.randomUUID(), Instant.now());
        assertThat(task.attempts()).isEqualTo(1);
        assertThat(task.isCurrent(1)).isTrue();
        task.start(UUID.randomUUID(), task.agentId(), now);
        task.complete("out", now.plusSeconds(1));

        assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(task.output()).isEqualTo("out");
        assertThat(task.startedAt()).isEqualTo(now);
        assertThat(task.isCurrent(1)).as("a final task takes no more news").isFalse();
    }

    @Test
    void aRetryMakesTheTaskReadyAtItsTimeAndTheNextAssignmentIsTheNextAttempt() {
        task.ready();
        task.assign(UUID.randomUUID(), Instant.now());
        task.retryAt(now.plusMillis(500), "flaky");

        assertThat(task.status()).isEqualTo(TaskStatus.READY);
        assertThat(task.isDue(now)).isFalse();
        assertThat(task.isDue(now.plusMillis(500))).isTrue();
        assertThat(task.lastError()).isEqualTo("flaky");
        task.assign(UUID.randomUUID(), Instant.now());
        assertThat(task.attempts()).isEqualTo(2);
        assertThat(task.isCurrent(1)).isFalse();
        assertThat(task.nextAttemptAt()).isNull();
    }

    @Test
    void aCompletionWithoutARecordedStartStillHasAStartTime() {
        task.ready();
        task.assign(UUID.randomUUID(), Instant.now());
        task.complete("out", now);

        assertThat(task.startedAt()).isEqualTo(now);
    }

    @Test
    void illegalMovesAreConflicts() {
        assertThatThrownBy(() -> task.assign(UUID.randomUUID(), Instant.now()))
                .isInstanceOf(ProblemException.Conflict.class);
        assertThatThrownBy(() -> task.complete("x", now)).isInstanceOf(ProblemException.Conflict.class);
        task.cancel(now);
        assertThatThrownBy(task::ready).isInstanceOf(ProblemException.Conflict.class);
        assertThatThrownBy(() -> task.cancel(now))
                .isInstanceOf(ProblemException.Conflict.class)
                .hasMessageContaining("CANCELLED");
    }

    @Test
    void aPlanRunsPausesResumesAndCompletesWithItsLastTask() {
        plan.start(Map.of("writer", UUID.randomUUID()), false, now);
        assertThat(plan.assigns()).isTrue();
        plan.pause();
        assertThat(plan.assigns()).isFalse();
        plan.taskCompleted(now);
        assertThat(plan.status()).isEqualTo(PlanStatus.PAUSED);
        plan.resume();
        plan.taskCompleted(now);

        assertThat(plan.status()).isEqualTo(PlanStatus.COMPLETED);
        assertThat(plan.completedTasks()).isEqualTo(2);
        assertThatThrownBy(() -> plan.fail("late", now)).isInstanceOf(ProblemException.Conflict.class);
    }

    @Test
    void aPlanStartedWhileItsProjectIsPausedAssignsNothing() {
        plan.start(Map.of(), true, now);

        assertThat(plan.status()).isEqualTo(PlanStatus.PAUSED);
        assertThat(plan.assigns()).isFalse();
        assertThatThrownBy(() -> plan.start(Map.of(), false, now)).isInstanceOf(ProblemException.Conflict.class);
    }

    @Test
    void onlyAPlanThatNeverRanCanBeSuperseded() {
        plan.start(Map.of(), false, now);

        assertThatThrownBy(() -> plan.supersede(now)).isInstanceOf(ProblemException.Conflict.class);
    }

    @Test
    void theRetryBackoffDoublesPerAttemptWithinTwentyPercent() {
        Duration base = Duration.ofMillis(500);

        assertThat(TaskOutcomes.backoff(base, 1, 0.5)).isEqualTo(Duration.ofMillis(500));
        assertThat(TaskOutcomes.backoff(base, 2, 0.5)).isEqualTo(Duration.ofMillis(1_000));
        assertThat(TaskOutcomes.backoff(base, 3, 0.5)).isEqualTo(Duration.ofMillis(2_000));
        assertThat(TaskOutcomes.backoff(base, 1, 0.0)).isEqualTo(Duration.ofMillis(400));
        assertThat(TaskOutcomes.backoff(base, 1, 0.999)).isBetween(Duration.ofMillis(599), Duration.ofMillis(600));
        assertThat(TaskOutcomes.backoff(base, 40, 0.5)).isEqualTo(Duration.ofMinutes(10));
    }
}
