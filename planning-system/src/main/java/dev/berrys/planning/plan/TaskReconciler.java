package dev.berrys.planning.plan;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Looks for stalled tasks every {@code berrys.tasks.reconcile-poll-ms}; see {@link StalledTasks}. */
@Component
class TaskReconciler {
    private static final Logger log = LoggerFactory.getLogger(TaskReconciler.class);
    private static final int PLANS_PER_PASS = 20;

    private final StalledTasks stalled;

    TaskReconciler(StalledTasks stalled) {
        this.stalled = stalled;
    }

    @Scheduled(fixedDelayString = "${berrys.tasks.reconcile-poll-ms:10000}", initialDelay = 2_000)
    void reconcile() {
        try {
            int handled;
            do {
                handled = stalled.reannounce(PLANS_PER_PASS);
            } while (handled == PLANS_PER_PASS);
        } catch (RuntimeException e) {
            log.warn("re-announcing stalled tasks failed; next pass retries: {}", e.toString());
        }
    }
}
