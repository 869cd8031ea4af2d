package dev.berrys.planning.plan;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes again the assignment of ASSIGNED or RUNNING tasks nothing was heard of for the stall timeout
 * (a {@code task.assigned} or an execution's news lost between a commit and Redis). agent-orchestrator
 * ignores a repeated assignment of an execution that is still live and repeats the outcome of one that
 * ended, so this costs time, never a duplicate run. Once per timeout: re-announcing moves the task's clock.
 */
@Service
@Transactional
class StalledTasks {
    private static final Logger log = LoggerFactory.getLogger(StalledTasks.class);
    /** Running plans with a stalled task, skipping plans another transaction (replica) holds. */
    private static final String STALLED_PLANS = "select p.id from plan p where p.status = 'RUNNING' and exists"
            + " (select 1 from task t where t.plan_id = p.id and t.status in ('ASSIGNED', 'RUNNING')"
            + " and t.progress_at < ?) limit ? for update of p skip locked";

    private final Plans plans;
    private final Tasks tasks;
    private final TaskDispatcher dispatcher;
    private final JdbcTemplate jdbc;
    private final TaskProperties props;

    StalledTasks(Plans plans, Tasks tasks, TaskDispatcher dispatcher, JdbcTemplate jdbc, TaskProperties props) {
        this.plans = plans;
        this.tasks = tasks;
        this.dispatcher = dispatcher;
        this.jdbc = jdbc;
        this.props = props;
    }

    /** Re-announces the stalled tasks of up to {@code limit} plans; returns the plans handled. */
    int reannounce(int limit) {
        Instant now = Instant.now();
        Instant before = now.minus(props.stallTimeout());
        List<UUID> stalled =
                jdbc.query(STALLED_PLANS, (rs, i) -> rs.getObject(1, UUID.class), Timestamp.from(before), limit);
        for (UUID id : stalled) {
            Plan plan = plans.findById(id).orElseThrow();
            List<Task> all = tasks.findByPlanIdOrderByPosition(id);
            Map<UUID, Task> byId = TaskDispatcher.index(all);
            for (Task task : all) {
                Instant progress = task.progressAt();
                if (task.isInFlight() && progress != null && progress.isBefore(before)) {
                    task.announced(now);
                    dispatcher.announce(plan, task, byId);
                    log.info(
                            "task {} of plan {} ({}) heard nothing since {}: assignment of attempt {} published again",
                            task.id(),
                            id,
                            task.status(),
                            progress,
                            task.attempts());
                }
            }
        }
        return stalled.size();
    }
}
