package dev.berrys.agent.execution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Starts executions once the transaction that created them has committed. The ids written by one
 * transaction (a batch of {@code task.assigned} events) are started together, in one transaction of
 * {@link ExecutionStarts}, on a virtual thread: the event consumer is never held up by the agent loop.
 */
@Component
class ExecutionLauncher {
    private static final Logger log = LoggerFactory.getLogger(ExecutionLauncher.class);

    private final ExecutionStarts starts;
    private final ExecutionRunner runner;
    private final Set<UUID> starting = ConcurrentHashMap.newKeySet();

    ExecutionLauncher(ExecutionStarts starts, ExecutionRunner runner) {
        this.starts = starts;
        this.runner = runner;
    }

    /** Starts {@code id} after the current transaction commits (never if it rolls back). */
    void launchAfterCommit(UUID id) {
        @SuppressWarnings("unchecked")
        List<UUID> batch = (List<UUID>) TransactionSynchronizationManager.getResource(this);
        if (batch == null) {
            List<UUID> fresh = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    launch(List.copyOf(fresh));
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ExecutionLauncher.this);
                }
            });
            batch = fresh;
        }
        batch.add(id);
    }

    /** Starts the PENDING executions among {@code ids} and runs them, off the calling thread. */
    void launch(Collection<UUID> ids) {
        List<UUID> mine = ids.stream().filter(starting::add).toList();
        if (mine.isEmpty()) {
            return;
        }
        runner.background(() -> {
            try {
                starts.start(mine).forEach(runner::submit);
            } catch (RuntimeException e) {
                // their leases run out and recovery starts them
                log.warn("could not start {} executions now, recovery will: {}", mine.size(), e.toString());
            } finally {
                mine.forEach(starting::remove);
            }
        });
    }

    /** The executions being started here, whose leases must be kept. */
    Set<UUID> startingIds() {
        return Set.copyOf(starting);
    }
}
