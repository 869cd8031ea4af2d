package dev.berrys.planning.planner;

import dev.berrys.contracts.events.PlanningEvents.PlanFailed;
import dev.berrys.planning.plan.PlanDrafts;
import dev.berrys.planning.plan.ProjectControls;
import dev.berrys.starter.events.EventPublisher;
import dev.berrys.starter.security.Tenants;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs planning requests on virtual threads, outside the transaction that recorded them. A worker takes
 * a request's lease before it calls the model; requests whose worker died (their lease ran out) or that
 * were never started are picked up again at start-up and then periodically.
 */
@Component
class PlanningWorker implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(PlanningWorker.class);
    /** Runs that end in an unexpected error before the request is failed for good. */
    static final int MAX_RUNS = 3;

    private static final int MAX_REASON = 2_000;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<UUID> inProgress = ConcurrentHashMap.newKeySet();
    private final PlanRequests requests;
    private final Planner planner;
    private final PlanDrafts drafts;
    private final ProjectControls controls;
    private final EventPublisher events;
    private final TransactionTemplate tx;
    private final PlanningProperties props;

    PlanningWorker(
            PlanRequests requests,
            Planner planner,
            PlanDrafts drafts,
            ProjectControls controls,
            EventPublisher events,
            TransactionTemplate tx,
            PlanningProperties props) {
        this.requests = requests;
        this.planner = planner;
        this.drafts = drafts;
        this.controls = controls;
        this.events = events;
        this.tx = tx;
        this.props = props;
    }

    /** Starts the request once the current transaction (which stored it) has committed. */
    void startAfterCommit(UUID requestId) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                submit(requestId);
            }
        });
    }

    @Scheduled(initialDelay = 1_000, fixedDelayString = "${berrys.planning.recovery-interval-ms:15000}")
    void recover() {
        try {
            requests.findUnclaimed(Instant.now()).forEach(this::submit);
        } catch (RuntimeException e) {
            log.warn("looking for unfinished planning requests failed: {}", e.toString());
        }
    }

    private void submit(UUID requestId) {
        try {
            executor.submit(() -> process(requestId));
        } catch (RejectedExecutionException shuttingDown) {
            log.info("planning request {} left for recovery: shutting down", requestId);
        }
    }

    void process(UUID requestId) {
        Instant now = Instant.now();
        Integer claimed = tx.execute(s -> requests.claim(requestId, now, now.plus(props.lease())));
        if (claimed == null || claimed == 0) {
            return;
        }
        inProgress.add(requestId);
        try {
            PlanRequest request = requests.findById(requestId).orElseThrow();
            Tenants.runAs(request.tenant(), () -> plan(request));
        } finally {
            inProgress.remove(requestId);
        }
    }

    private void plan(PlanRequest request) {
        UUID requestId = request.id();
        Planner.Outcome outcome;
        try {
            outcome = planner.plan(request, () -> renew(requestId));
        } catch (RuntimeException e) {
            log.error("planning request {} failed unexpectedly (run {})", requestId, request.runs(), e);
            if (request.runs() < MAX_RUNS) {
                tx.executeWithoutResult(s -> requests.release(requestId));
                return;
            }
            outcome = new Planner.Failed("Planning failed unexpectedly " + MAX_RUNS + " times.");
        }
        finish(requestId, outcome);
    }

    private void renew(UUID requestId) {
        tx.executeWithoutResult(s -> requests.renew(requestId, Instant.now().plus(props.lease())));
    }

    private void finish(UUID requestId, Planner.Outcome outcome) {
        tx.executeWithoutResult(s -> {
            PlanRequest request = requests.lock(requestId).orElseThrow();
            if (!request.isPending()) {
                return;
            }
            Instant now = Instant.now();
            if (controls.lock(request.projectId(), request.tenant()).cancelled()) {
                request.cancelled(now);
                return;
            }
            switch (outcome) {
                case Planner.Planned planned -> {
                    UUID plan = drafts.create(
                            request.tenant(),
                            request.projectId(),
                            request.goal(),
                            request.feedback(),
                            planned.proposal());
                    request.planned(plan, now);
                }
                case Planner.Invalid invalid ->
                    fail(
                            request,
                            "The planning model proposed no valid plan in " + Planner.ASKS + " attempts: "
                                    + String.join(" ", invalid.errors()),
                            now);
                case Planner.Failed failed -> fail(request, failed.reason(), now);
            }
        });
    }

    private void fail(PlanRequest request, String reason, Instant now) {
        String shown = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 1) + "…" : reason;
        request.failed(shown, now);
        events.publish(request.projectId(), new PlanFailed(request.projectId(), null, shown), request.tenant());
        log.info("planning for project {} failed", request.projectId());
    }

    /** Stops the workers and gives their leases up, so that a restarted replica continues at once. */
    @Override
    public void destroy() {
        executor.shutdownNow();
        for (UUID requestId : Set.copyOf(inProgress)) {
            try {
                tx.executeWithoutResult(s -> requests.release(requestId));
            } catch (RuntimeException e) {
                log.info("lease of planning request {} left to expire: {}", requestId, e.toString());
            }
        }
    }
}
