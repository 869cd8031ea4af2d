package dev.berrys.planning.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berrys.contracts.Streams;
import dev.berrys.contracts.events.AgentEvents.ExecutionCompleted;
import dev.berrys.contracts.events.AgentEvents.ExecutionStarted;
import dev.berrys.contracts.events.AgentRef;
import dev.berrys.contracts.events.EventTypes;
import dev.berrys.planning.PlanningITSupport;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A plan of 200 independent tasks: assigned at once without per-task queries, and run to completion. */
class PlanScaleIT extends PlanningITSupport {
    static final int TASKS = 200;

    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Test
    void twoHundredIndependentTasksAreAssignedInOneTransactionAndCompleteThePlan() {
        UUID project = UUID.randomUUID();
        String[][] tasks = new String[TASKS][];
        for (int i = 0; i < TASKS; i++) {
            tasks[i] = task("t" + i, i % 2 == 0 ? "researcher" : "developer");
        }
        UUID plan = planned(project, "Many small things", proposal(tasks));
        UUID researcher = UUID.randomUUID();
        UUID developer = UUID.randomUUID();
        Statistics stats = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        long collectionFetches = stats.getCollectionFetchCount();
        long entityFetches = stats.getEntityFetchCount();

        long start = System.nanoTime();
        run(
                project,
                plan,
                List.of(new AgentRef(researcher, "researcher", "r"), new AgentRef(developer, "developer", "d")));
        await().atMost(WAIT)
                .until(() -> published(EventTypes.TASK_ASSIGNED, project).size() == TASKS);
        long assignedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(jdbc.queryForList(
                        "select distinct created_at from outbox_event where type = 'task.assigned' and envelope like ?",
                        "%" + project + "%"))
                .as("every assignment in one transaction")
                .hasSize(1);
        assertThat(stats.getCollectionFetchCount() - collectionFetches)
                .as("dependencies and team loaded in batches, not per task")
                .isLessThan(10);
        assertThat(stats.getEntityFetchCount() - entityFetches).isLessThan(10);

        List<JsonNode> assigned = published(EventTypes.TASK_ASSIGNED, project);
        long statements = stats.getPrepareStatementCount();
        long entityLoads = stats.getEntityLoadCount();
        long flushes = stats.getFlushCount();
        long transactions = stats.getTransactionCount();
        long handledStart = System.nanoTime();
        List<String[]> done = new ArrayList<>();
        for (JsonNode a : assigned) {
            UUID task = UUID.fromString(a.get("taskId").asString());
            UUID agent = UUID.fromString(a.get("agentId").asString());
            UUID execution = UUID.randomUUID();
            publish(
                    Streams.AGENT,
                    EventTypes.EXECUTION_STARTED,
                    new ExecutionStarted(execution, task, project, agent, 1));
            done.add(new String[] {task.toString(), agent.toString(), execution.toString()});
        }
        long publishedStartsMs = (System.nanoTime() - handledStart) / 1_000_000;
        for (String[] d : done) {
            publish(
                    Streams.AGENT,
                    EventTypes.EXECUTION_COMPLETED,
                    new ExecutionCompleted(
                            UUID.fromString(d[2]),
                            UUID.fromString(d[0]),
                            project,
                            UUID.fromString(d[1]),
                            1,
                            "output of " + d[0],
                            10,
                            10));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> planStatus(plan).equals("COMPLETED"));
        long handledMs = (System.nanoTime() - handledStart) / 1_000_000;
        // database time from the first execution event handled to the plan's completion
        Long dbMs = jdbc.queryForObject(
                "select (extract(epoch from max(created_at) filter (where type = 'plan.completed'))"
                        + " - extract(epoch from min(created_at) filter (where type = 'task.started'))) * 1000"
                        + " from outbox_event where envelope like ?",
                Long.class,
                "%" + project + "%");
        long statementsPerTask = (stats.getPrepareStatementCount() - statements) / TASKS;
        System.out.printf(
                "hibernate during execution events: %d statements, %d entity loads, %d flushes, %d transactions%n",
                stats.getPrepareStatementCount() - statements,
                stats.getEntityLoadCount() - entityLoads,
                stats.getFlushCount() - flushes,
                stats.getTransactionCount() - transactions);
        JsonNode completed =
                awaitPublished(EventTypes.PLAN_COMPLETED, project, 1).getFirst();
        assertThat(completed.get("outputs")).hasSize(TASKS);
        assertThat(published(EventTypes.TASK_STARTED, project)).hasSize(TASKS);
        assertThat(published(EventTypes.TASK_COMPLETED, project)).hasSize(TASKS);
        System.out.printf(
                "planning-system, %d independent tasks: run → all assigned in %d ms; %d execution events published"
                        + " (starts in %d ms) and handled in %d ms; first start handled → plan completed: %d ms"
                        + " (%.2f ms per task)%n",
                TASKS, assignedMs, 2 * TASKS, publishedStartsMs, handledMs, dbMs, dbMs / (double) TASKS);
    }
}
