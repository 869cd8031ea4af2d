package dev.berrys.planning.plan;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Assigns READY tasks whose retry time came. Plans are locked with {@code FOR UPDATE SKIP LOCKED}, so
 * replicas share the work and never assign the same attempt twice.
 */
@Component
class RetryScheduler {
    private static final Logger log = LoggerFactory.getLogger(RetryScheduler.class);
    private static final int PLANS_PER_PASS = 20;

    private final PlanRunner runner;

    RetryScheduler(PlanRunner runner) {
        this.runner = runner;
    }

    @Scheduled(fixedDelayString = "${berrys.tasks.retry-poll-ms:200}", initialDelay = 1_000)
    void assignDueRetries() {
        try {
            int handled;
            do {
                handled = runner.assignDueTasks(PLANS_PER_PASS);
            } while (handled == PLANS_PER_PASS);
        } catch (RuntimeException e) {
            log.warn("assigning due retries failed; next pass retries: {}", e.toString());
        }
    }
}
