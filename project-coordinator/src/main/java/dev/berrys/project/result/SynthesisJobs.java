package dev.berrys.project.result;

import dev.berrys.project.project.ProjectResumed;
import dev.berrys.starter.security.Tenants;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs syntheses on virtual threads: right after the commit that made one pending, and from a sweep
 * (at start and then periodically) that picks up those a crashed or stopped replica left unfinished.
 */
@Component
class SynthesisJobs implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(SynthesisJobs.class);

    private final Synthesizer synthesizer;
    private final SynthesisLeases leases;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    SynthesisJobs(Synthesizer synthesizer, SynthesisLeases leases) {
        this.synthesizer = synthesizer;
        this.leases = leases;
    }

    /** Starts the synthesis once the current transaction committed (at once where there is none). */
    void submitAfterCommit(UUID projectId, String tenant) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    submit(projectId, tenant);
                }
            });
        } else {
            submit(projectId, tenant);
        }
    }

    /** A project paused for its budget, or failed, went on: a synthesis refused or failed may be tried again. */
    @EventListener
    void resumed(ProjectResumed event) {
        if (leases.unblock(event.projectId(), event.tenant())) {
            submitAfterCommit(event.projectId(), event.tenant());
        }
    }

    @Scheduled(
            initialDelayString = "${berrys.project.synthesis.sweep-initial-delay:1s}",
            fixedDelayString = "${berrys.project.synthesis.sweep-interval:60s}")
    void sweep() {
        for (SynthesisLeases.Pending pending : leases.unclaimed(100)) {
            log.info("picking up the unfinished synthesis of project {}", pending.projectId());
            submit(pending.projectId(), pending.tenant());
        }
    }

    private void submit(UUID projectId, String tenant) {
        try {
            executor.submit(() -> Tenants.runAs(tenant, () -> {
                try {
                    synthesizer.run(projectId, tenant);
                } catch (RuntimeException e) {
                    // the lease runs out and the sweep tries again
                    log.warn("synthesis of project {} stopped: {}", projectId, e.toString());
                }
            }));
        } catch (RejectedExecutionException stopping) {
            // shutting down: the sweep of the next start picks it up
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
