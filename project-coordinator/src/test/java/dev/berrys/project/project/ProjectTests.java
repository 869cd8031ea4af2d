package dev.berrys.project.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berrys.starter.web.ProblemException;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules of a project's life, on the aggregate alone. */
class ProjectTests {
    private final UUID plan = UUID.randomUUID();

    @Test
    void onlyADraftStarts() {
        Project p = project(null);
        p.start();
        assertThat(p.status()).isEqualTo(ProjectStatus.PLANNING);
        assertThatThrownBy(p::start)
                .isInstanceOf(ProblemException.Conflict.class)
                .hasMessageContaining("PLANNING");
    }

    @Test
    void resumeReturnsToTheStatusThePauseInterrupted() {
        Project p = running();
        p.pause("coffee");
        assertThat(p.status()).isEqualTo(ProjectStatus.PAUSED);
        assertThat(p.statusReason()).isEqualTo("coffee");
        p.resume();
        assertThat(p.status()).isEqualTo(ProjectStatus.RUNNING);
        assertThat(p.statusReason()).isNull();
    }

    @Test
    void theWorkflowsFactsWhilePausedDecideWhereResumeGoes() {
        Project p = project(null);
        p.start();
        p.pause(StatusReasons.USER_REQUESTED);

        assertThat(p.awaitApproval()).isTrue();
        assertThat(p.status()).isEqualTo(ProjectStatus.PAUSED);
        p.approvalDecided();
        assertThat(p.runRequested(plan)).isFalse();
        assertThat(p.status()).isEqualTo(ProjectStatus.PAUSED);

        p.resume();
        assertThat(p.status()).isEqualTo(ProjectStatus.RUNNING);
    }

    @Test
    void aProjectPausedForItsBudgetResumesOnlyWhenTheBudgetIsRaised() {
        Project p = project(new BigDecimal("1.00"));
        p.start();
        p.runRequested(plan);
        assertThat(p.pauseForBudget()).isTrue();
        assertThat(p.statusReason()).isEqualTo(StatusReasons.BUDGET_EXCEEDED);

        assertThat(p.changeBudget(new BigDecimal("0.50"), null)).isFalse();
        assertThat(p.status()).isEqualTo(ProjectStatus.PAUSED);
        assertThat(p.changeBudget(new BigDecimal("3"), null)).isTrue();
        assertThat(p.status()).isEqualTo(ProjectStatus.RUNNING);
        assertThat(p.pauseForBudget()).isTrue();
        assertThat(p.changeBudget(null, 10_000L)).isTrue();

        // raised elsewhere (model-orchestration's own budget API): a person resumes it
        assertThat(p.pauseForBudget()).isTrue();
        p.resume();
        assertThat(p.status()).isEqualTo(ProjectStatus.RUNNING);
    }

    @Test
    void factsAboutAFinishedProjectChangeNothing() {
        Project p = running();
        p.cancel("stop");

        assertThat(p.runRequested(plan)).isFalse();
        assertThat(p.awaitApproval()).isFalse();
        assertThat(p.pauseForBudget()).isFalse();
        assertThat(p.complete()).isFalse();
        assertThat(p.fail("late")).isFalse();
        p.planCreated(UUID.randomUUID(), 2, 5);
        assertThat(p.status()).isEqualTo(ProjectStatus.CANCELLED);
        assertThat(p.statusReason()).isEqualTo("stop");
        assertThat(p.planId()).isEqualTo(plan);
        assertThatThrownBy(() -> p.cancel("again")).isInstanceOf(ProblemException.Conflict.class);
        assertThatThrownBy(p::approvalDecided).isInstanceOf(ProblemException.Conflict.class);
        assertThatThrownBy(() -> p.changeBudget(BigDecimal.TEN, null)).isInstanceOf(ProblemException.Conflict.class);
    }

    @Test
    void progressFollowsTheCurrentPlanAndNeverGoesBack() {
        Project p = running();
        p.taskCompleted(plan, 2, 4);
        p.taskCompleted(plan, 1, 4); // a late, older event
        p.taskCompleted(UUID.randomUUID(), 4, 4); // an old plan's
        assertThat(p.view().progress()).isEqualTo(new ProjectView.Progress(2, 4));
        assertThat(p.complete()).isTrue();
        assertThat(p.view().progress()).isEqualTo(new ProjectView.Progress(4, 4));
    }

    @Test
    void spendAddsUpAndShowsWithoutTrailingZeros() {
        Project p = running();
        p.recordUsage(new BigDecimal("0.01000000"), 100, false);
        p.recordUsage(new BigDecimal("0.00500000"), 50, false);
        assertThat(p.view().costUsd().toPlainString()).isEqualTo("0.015");
        assertThat(p.view().tokensUsed()).isEqualTo(150);
        assertThat(p.view().simulatedCalls()).isZero();
        assertThat(ProjectView.plain(new BigDecimal("10.00000000")).toPlainString())
                .isEqualTo("10");
        assertThat(ProjectView.plain(new BigDecimal("0E-8")).toString()).isEqualTo("0");
    }

    @Test
    void callsTheSimulatedModelAnsweredAreCounted() {
        Project p = running();
        p.recordUsage(BigDecimal.ZERO, 100, true);
        p.recordUsage(new BigDecimal("0.002"), 50, false);
        p.recordUsage(BigDecimal.ZERO, 70, true);
        assertThat(p.view().simulatedCalls()).isEqualTo(2);
        assertThat(p.view().tokensUsed()).isEqualTo(220);
    }

    private Project running() {
        Project p = project(null);
        p.start();
        p.planCreated(plan, 1, 4);
        assertThat(p.runRequested(plan)).isTrue();
        return p;
    }

    private static Project project(BigDecimal budget) {
        return new Project("t", "n", "g", budget, null, false);
    }
}
