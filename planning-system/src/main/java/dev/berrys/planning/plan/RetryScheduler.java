package dev.berrys.planning.plan;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Assigns READY tasks whose retry time came. Plans are locked with {@code FOR UPDATE SKIP LOCKED}, so
 * replicas share the work and never assign the same attempt twice.
 *
 * <p>It does not poll for due retries: a retry scheduled here is assigned at its time by a one-shot wake-up,
 * registered once the transaction that scheduled it committed; after every pass the next retry any replica
 * scheduled (the earliest {@code next_attempt_at} to come) gets a wake-up too, so a retry scheduled by a
 * replica that died is still assigned on time by another. {@code retry-poll-ms} is only the safety pass.
 */
@Component
class RetryScheduler {
    private static final Logger log = LoggerFactory.getLogger(RetryScheduler.class);
    private static final int PLANS_PER_PASS = 20;
    private static final String NEXT_DUE = "select min(t.next_attempt_at) from task t join plan p on p.id = t.plan_id"
            + " where t.status = 'READY' and t.next_attempt_at > now() and p.status = 'RUNNING'";

    private final PlanRunner runner;
    private final TaskScheduler scheduler;
    private final JdbcTemplate jdbc;
    /** The earliest wake-up booked and not yet run: a later one is not booked again. */
    private final AtomicReference<@Nullable Instant> booked = new AtomicReference<>();

    RetryScheduler(PlanRunner runner, TaskScheduler scheduler, JdbcTemplate jdbc) {
        this.runner = runner;
        this.scheduler = scheduler;
        this.jdbc = jdbc;
    }

    /** A retry is due at {@code at}: assigns it then, once the current transaction committed. */
    void dueAt(Instant at) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    book(at);
                }
            });
        } else {
            book(at);
        }
    }

    private void book(Instant at) {
        Instant current = booked.get();
        while (current == null || at.isBefore(current) || current.isBefore(Instant.now())) {
            if (booked.compareAndSet(current, at)) {
                scheduler.schedule(() -> wake(at), at);
                return;
            }
            current = booked.get();
        }
    }

    private void wake(Instant at) {
        booked.compareAndSet(at, null);
        assignDueRetries();
    }

    @Scheduled(fixedDelayString = "${berrys.tasks.retry-poll-ms:5000}", initialDelay = 1_000)
    void assignDueRetries() {
        try {
            int handled;
            do {
                handled = runner.assignDueTasks(PLANS_PER_PASS);
            } while (handled == PLANS_PER_PASS);
            Timestamp next = jdbc.queryForObject(NEXT_DUE, Timestamp.class);
            if (next != null) {
                book(next.toInstant());
            }
        } catch (RuntimeException e) {
            log.warn("assigning due retries failed; next pass retries: {}", e.toString());
        }
    }
}
