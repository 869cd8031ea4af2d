package dev.berrys.integration.workflow;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long each step of a workflow waits for the answer to its command. A step past its deadline has
 * the command sent again (every receiver is idempotent) up to {@code stepRetries} times, then is shown
 * as stalled. AWAITING_APPROVAL has no deadline: it waits for a person; nor has EXECUTING while an agent's
 * question to a person ({@code execution.input-requested}) is unanswered.
 *
 * @param planningTimeout PLANNING: until {@code plan.created} (planning-system has its own lease recovery)
 * @param teamTimeout ASSEMBLING_TEAM: until {@code team.assembled}
 * @param executingTimeout EXECUTING: without news of the plan's progress; each completed task restarts it
 * @param stepRetries how many times a step's command is sent again before the workflow is stalled
 * @param reconcilePollMs how often workflows past their deadline are looked for
 */
@ConfigurationProperties("berrys.workflow")
record StepDeadlines(
        @DefaultValue("10m") Duration planningTimeout,
        @DefaultValue("2m") Duration teamTimeout,
        @DefaultValue("30m") Duration executingTimeout,
        @DefaultValue("3") int stepRetries,
        @DefaultValue("15000") long reconcilePollMs) {

    /** The deadline of {@code step} entered (or retried) at {@code now}; null where it has none. */
    @Nullable
    Instant of(Workflow.Step step, Instant now) {
        return switch (step) {
            case PLANNING -> now.plus(planningTimeout);
            case ASSEMBLING_TEAM -> now.plus(teamTimeout);
            case EXECUTING -> now.plus(executingTimeout);
            case AWAITING_APPROVAL, FINISHED -> null;
        };
    }
}
