package dev.berrys.agent.execution;

import dev.berrys.agent.AgentProperties;
import dev.berrys.agent.execution.Checkpoints.Resume;
import dev.berrys.starter.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Runs executions on virtual threads, at most {@code max-concurrent-executions} at once (the others wait
 * for a permit, cheaply). Knows what runs here, so that a cancellation can interrupt it and the lease
 * heartbeat can renew it.
 */
@Component
class ExecutionRunner {
    private static final Logger log = LoggerFactory.getLogger(ExecutionRunner.class);

    private final AgentLoop loop;
    private final Checkpoints checkpoints;
    private final Semaphore permits;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("execution-", 0).factory());
    private final ConcurrentHashMap<UUID, Handle> running = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private volatile boolean stopping;

    ExecutionRunner(AgentLoop loop, Checkpoints checkpoints, AgentProperties props, MeterRegistry meters) {
        this.loop = loop;
        this.checkpoints = checkpoints;
        this.permits = new Semaphore(props.maxConcurrentExecutions());
        this.meters = meters;
        Gauge.builder("berrys.executions.running", running, ConcurrentHashMap::size)
                .description("Executions running (or waiting for a permit) in this replica")
                .register(meters);
    }

    private static final class Handle {
        volatile @Nullable Thread thread;
        volatile boolean cancelled;
    }

    /** Resumes a RUNNING execution from its checkpoint here, unless it already runs here. */
    void submit(UUID id) {
        submit(id, null);
    }

    /** Runs an execution that has just started. */
    void submit(Resume fresh) {
        submit(fresh.id(), fresh);
    }

    private void submit(UUID id, @Nullable Resume fresh) {
        if (stopping) {
            return;
        }
        Handle handle = new Handle();
        if (running.putIfAbsent(id, handle) != null) {
            return;
        }
        threads.execute(() -> run(id, fresh, handle));
    }

    /** Some short work off the caller's thread (e.g. starting a batch after a commit). */
    void background(Runnable work) {
        if (!stopping) {
            threads.execute(work);
        }
    }

    private void run(UUID id, @Nullable Resume fresh, Handle handle) {
        handle.thread = Thread.currentThread();
        String outcome = "stopped";
        try {
            if (handle.cancelled) {
                return;
            }
            permits.acquire();
            try {
                AgentLoop.End end = fresh != null ? loop.run(fresh) : loop.resume(id);
                outcome = end.name().toLowerCase(Locale.ROOT);
            } finally {
                permits.release();
            }
        } catch (InterruptedException e) {
            outcome = handle.cancelled ? "cancelled" : "interrupted";
        } catch (OptimisticLockingFailureException | DataIntegrityViolationException | ProblemException.Conflict e) {
            // changed elsewhere meanwhile: cancelled, or taken over by another replica
            log.debug("execution {} changed elsewhere, stopping here: {}", id, e.toString());
        } catch (RuntimeException e) {
            if (!handle.cancelled && !stopping) {
                outcome = "error";
                log.error("execution {} failed unexpectedly", id, e);
                failQuietly(id, e);
            }
        } finally {
            running.remove(id, handle);
            if (outcome.equals("waiting")) {
                resumeIfAnswered(id);
            }
            Counter.builder("berrys.executions")
                    .description("Executions run by this replica, by how they ended here")
                    .tag("outcome", outcome)
                    .register(meters)
                    .increment();
        }
    }

    /**
     * An answer that came while this thread still held the execution had its resume refused by {@link #submit}
     * (it was still running here): now that it is let go, it is resumed if it runs again.
     */
    private void resumeIfAnswered(UUID id) {
        try {
            if (checkpoints.isRunning(id)) {
                submit(id);
            }
        } catch (RuntimeException e) {
            // its lease runs out and recovery resumes it
            log.warn("could not look whether execution {} was answered: {}", id, e.toString());
        }
    }

    private void failQuietly(UUID id, RuntimeException cause) {
        try {
            checkpoints.fail(id, null, "internal error: " + cause.getClass().getSimpleName(), true);
        } catch (RuntimeException e) {
            // the lease runs out and recovery tries again
            log.warn("could not record the failure of execution {}: {}", id, e.toString());
        }
    }

    /** Interrupts the executions among {@code ids} that run here (their rows are already CANCELLED). */
    void cancel(Collection<UUID> ids) {
        for (UUID id : ids) {
            Handle handle = running.get(id);
            if (handle != null) {
                handle.cancelled = true;
                Thread thread = handle.thread;
                if (thread != null) {
                    thread.interrupt();
                }
            }
        }
    }

    /** The executions running here (or waiting for a permit). */
    Set<UUID> runningIds() {
        return Set.copyOf(running.keySet());
    }

    boolean isRunning(UUID id) {
        return running.containsKey(id);
    }

    /** Stops every execution here without recording anything: recovery resumes them from their checkpoint. */
    Set<UUID> stop(Duration grace) {
        stopping = true;
        Set<UUID> ids = runningIds();
        running.values().forEach(h -> {
            Thread t = h.thread;
            if (t != null) {
                t.interrupt();
            }
        });
        threads.shutdown();
        try {
            threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ids;
    }
}
