package dev.berrys.contracts.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReplicaOrderTests {
    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void eachCallStartsAtTheNextReplicaInTurn() {
        var order = new ReplicaOrder(3, now::get);

        assertThat(order.next()).containsExactly(0, 1, 2);
        assertThat(order.next()).containsExactly(1, 2, 0);
        assertThat(order.next()).containsExactly(2, 0, 1);
        assertThat(order.next()).containsExactly(0, 1, 2);
    }

    @Test
    void aRefusedReplicaIsTriedLastForAWhileThenTakesItsTurnAgain() {
        var order = new ReplicaOrder(3, now::get);
        order.refused(0);

        assertThat(order.next()).as("0's turn, but it refused lately").containsExactly(1, 2, 0);
        assertThat(order.next()).containsExactly(1, 2, 0);

        now.addAndGet(ReplicaOrder.SKIP_REFUSED.toNanos() - 1);
        assertThat(order.next()).as("still within the pause").containsExactly(2, 1, 0);
        now.addAndGet(1);
        assertThat(order.next()).containsExactly(0, 1, 2);
    }

    @Test
    void whenEveryReplicaRefusedAllAreStillTriedInTurn() {
        var order = new ReplicaOrder(2, now::get);
        order.refused(0);
        order.refused(1);

        assertThat(order.next()).containsExactly(0, 1);
        assertThat(order.next()).containsExactly(1, 0);
    }

    @Test
    void thereIsAtLeastOneReplica() {
        assertThatThrownBy(() -> new ReplicaOrder(0, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
