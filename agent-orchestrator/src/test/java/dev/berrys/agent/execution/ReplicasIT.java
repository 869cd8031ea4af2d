package dev.berrys.agent.execution;

import static dev.berrys.starter.test.model.Answers.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.agent.AgentProperties;
import dev.berrys.agent.support.AgentIntegrationTest;
import dev.berrys.starter.config.InstanceId;
import dev.berrys.starter.events.EventBusProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Two replicas taking over the executions a dead one left: each is taken by one, and says by which. */
class ReplicasIT extends AgentIntegrationTest {
    @Autowired
    EventBusProperties events;

    /**
     * A replica takes one entry per read, so a burst of task.assigned is shared by the replicas' consumers
     * instead of being started whole by the one that read it first (ReplicasE2EIT shows the spread).
     */
    @Test
    void aReplicaTakesOneAssignmentPerRead() {
        assertThat(events.readCountOrBatch()).isEqualTo(1);
        assertThat(events.batchSize()).as("the relay still sends in batches").isGreaterThan(1);
    }

    @Autowired
    AgentProperties props;

    @Autowired
    InstanceId instance;

    @Test
    void twoReplicasTakingOverAtOnceShareTheExecutionsWithoutOverlap() throws Exception {
        List<UUID> left = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID id = UUID.randomUUID();
            insertExecution(id, UUID.randomUUID(), "-1 second");
            left.add(id);
        }
        var a = new Leases(jdbc, props, new InstanceId("replica-a"));
        var b = new Leases(jdbc, props, new InstanceId("replica-b"));
        var go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<Set<UUID>> byA = threads.submit(claimAll(a, go));
            Future<Set<UUID>> byB = threads.submit(claimAll(b, go));
            go.countDown();
            Set<UUID> takenByA = byA.get();
            Set<UUID> takenByB = byB.get();

            assertThat(takenByA).doesNotContainAnyElementsOf(takenByB);
            for (UUID id : takenByA) {
                assertThat(handledBy(id)).isEqualTo("replica-a");
            }
            for (UUID id : takenByB) {
                assertThat(handledBy(id)).isEqualTo("replica-b");
            }
            // what neither took, this context's own recovery did (it runs as a third replica)
            Set<UUID> rest = new HashSet<>(left);
            rest.removeAll(takenByA);
            rest.removeAll(takenByB);
            for (UUID id : rest) {
                assertThat(handledBy(id)).isEqualTo(instance.value());
            }
        } finally {
            left.forEach(id -> jdbc.update("update execution set status = 'CANCELLED' where id = ?", id));
        }
    }

    @Test
    void anExecutionShowsTheReplicaThatRanIt() {
        UUID id = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        MODEL.always(task, text("Done here.").usage(5, 5));
        insertExecution(id, task, "-1 second");

        awaitStatus(task, 1, "COMPLETED");

        JsonNode execution =
                admin().get().uri("/api/executions/{id}", id).retrieve().body(JsonNode.class);
        assertThat(execution.path("handledBy").asString()).isEqualTo(instance.value());
    }

    private static Callable<Set<UUID>> claimAll(Leases leases, CountDownLatch go) {
        return () -> {
            go.await();
            Set<UUID> taken = new HashSet<>();
            List<Leases.Claimed> batch;
            do {
                batch = leases.claimExpired(3);
                batch.forEach(c -> assertThat(taken.add(c.id())).isTrue());
            } while (!batch.isEmpty());
            return taken;
        };
    }

    private String handledBy(UUID id) {
        return jdbc.queryForObject("select handled_by from execution where id = ?", String.class, id);
    }

    private void insertExecution(UUID id, UUID task, String leaseUntil) {
        jdbc.update("""
                insert into execution (id, tenant, project_id, plan_id, task_id, agent_id, role, title, description,
                    goal, dependency_outputs, attempt, status, created_at, lease_owner, handled_by, lease_until)
                values (?, 'default', ?, ?, ?, ?, 'developer', 'Left behind', 'A task a dead replica left.',
                    'Take me over', '[]', 1, 'PENDING', now(), 'dead-replica', 'dead-replica', now() + ?::interval)""", id, UUID.randomUUID(), UUID.randomUUID(), task, UUID.randomUUID(), leaseUntil);
    }
}
