package dev.berrys.integration.workflow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drives again the workflows whose step is past its deadline: the step's command is sent again (an
 * event lost between a commit and Redis costs time, not the project), and after {@code step-retries}
 * the workflow is shown as stalled with the reason. Replicas share the work ({@code SKIP LOCKED}).
 */
@Service
@Transactional
class StalledWorkflows {
    private static final Logger log = LoggerFactory.getLogger(StalledWorkflows.class);
    private static final String DUE = "select id from workflow where status = 'RUNNING' and step_deadline < now()"
            + " order by step_deadline limit ? for update skip locked";

    private final Workflows workflows;
    private final WorkflowCommands commands;
    private final StepDeadlines deadlines;
    private final JdbcTemplate jdbc;

    StalledWorkflows(Workflows workflows, WorkflowCommands commands, StepDeadlines deadlines, JdbcTemplate jdbc) {
        this.workflows = workflows;
        this.commands = commands;
        this.deadlines = deadlines;
        this.jdbc = jdbc;
    }

    /** Handles up to {@code limit} workflows past their deadline; returns how many. */
    int drive(int limit) {
        List<UUID> due = jdbc.query(DUE, (rs, i) -> rs.getObject(1, UUID.class), limit);
        Instant now = Instant.now();
        for (UUID id : due) {
            Workflow w = workflows.findById(id).orElseThrow();
            if (w.deadlinePassed(deadlines, now) && commands.resend(w)) {
                log.info(
                        "workflow {} of project {}: step {} past its deadline, command sent again",
                        id,
                        w.projectId(),
                        w.step());
            } else if (w.stalledReason() != null) {
                log.warn("workflow {} of project {} stalled: {}", id, w.projectId(), w.stalledReason());
            }
        }
        return due.size();
    }
}
