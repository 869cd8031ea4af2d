package dev.berrys.agent.execution;

import dev.berrys.agent.AgentProperties;
import dev.berrys.agent.execution.Leases.Claimed;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Durability of executions. At startup and every {@code recovery-interval}: renews the leases of what runs
 * here, then takes over unfinished executions whose lease ran out (left by a crash or by a replica that
 * died): a PENDING one is started, a RUNNING one resumes from its checkpoint. On shutdown the running
 * ones are stopped and their leases released, so that the next instance resumes them at once.
 */
@Component
class ExecutionRecovery implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ExecutionRecovery.class);
    private static final int BATCH = 500;

    private final Leases leases;
    private final ExecutionRunner runner;
    private final ExecutionLauncher launcher;
    private final Duration interval;
    private volatile boolean running;
    private @Nullable Thread worker;

    ExecutionRecovery(Leases leases, ExecutionRunner runner, ExecutionLauncher launcher, AgentProperties props) {
        this.leases = leases;
        this.runner = runner;
        this.launcher = launcher;
        // renew well before a lease can run out
        Duration renewal = props.lease().dividedBy(3);
        this.interval = props.recoveryInterval().compareTo(renewal) < 0 ? props.recoveryInterval() : renewal;
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofVirtual().name("execution-recovery").start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                Set<UUID> held = new HashSet<>(runner.runningIds());
                held.addAll(launcher.startingIds());
                leases.renew(held);
                recoverOnce();
            } catch (RuntimeException e) {
                log.warn("execution recovery failed, next try in {}: {}", interval, e.toString());
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Takes over the unfinished executions whose lease ran out; returns how many. */
    int recoverOnce() {
        int total = 0;
        List<Claimed> claimed;
        do {
            claimed = leases.claimExpired(BATCH);
            total += claimed.size();
            List<UUID> pending = claimed.stream()
                    .filter(c -> c.status() == ExecutionStatus.PENDING)
                    .map(Claimed::id)
                    .toList();
            launcher.launch(pending);
            claimed.stream().filter(c -> c.status() == ExecutionStatus.RUNNING).forEach(c -> runner.submit(c.id()));
        } while (running && claimed.size() == BATCH);
        if (total > 0) {
            log.info("took over {} unfinished executions", total);
        }
        return total;
    }

    @Override
    public void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
        Set<UUID> stopped = runner.stop(Duration.ofSeconds(10));
        try {
            leases.release(stopped);
        } catch (RuntimeException e) {
            log.warn(
                    "could not release {} execution leases; they run out by themselves: {}",
                    stopped.size(),
                    e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
