package dev.berrys.integration.workflow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Looks for workflows past their step's deadline every {@code berrys.workflow.reconcile-poll-ms}. */
@Component
class WorkflowReconciler {
    private static final Logger log = LoggerFactory.getLogger(WorkflowReconciler.class);
    private static final int PER_PASS = 50;

    private final StalledWorkflows stalled;

    WorkflowReconciler(StalledWorkflows stalled) {
        this.stalled = stalled;
    }

    @Scheduled(fixedDelayString = "${berrys.workflow.reconcile-poll-ms:15000}", initialDelay = 2_000)
    void reconcile() {
        try {
            int handled;
            do {
                handled = stalled.drive(PER_PASS);
            } while (handled == PER_PASS);
        } catch (RuntimeException e) {
            log.warn("driving stalled workflows failed; next pass retries: {}", e.toString());
        }
    }
}
