package dev.berrys.planning.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskGraphTests {

    @Test
    void theCriticalPathIsTheLongestChainOfDependencies() {
        // 0 → 2 → 4, 1 → 2, 3 → 4, and 0 → 5 → 6 → 7 the longest
        var graph = new TaskGraph(List.of(
                List.of(), List.of(), List.of(0, 1), List.of(), List.of(2, 3), List.of(0), List.of(5), List.of(6)));

        assertThat(graph.criticalPath()).containsExactly(0, 5, 6, 7);
    }

    @Test
    void tiesGoToTheTaskThatComesFirstInPlanOrder() {
        var graph = new TaskGraph(List.of(List.of(), List.of(), List.of(0, 1), List.of(1), List.of(0)));

        assertThat(graph.criticalPath()).containsExactly(0, 2);
    }

    @Test
    void independentTasksHaveACriticalPathOfOneTask() {
        var graph = new TaskGraph(List.of(List.of(), List.of(), List.of()));

        assertThat(graph.criticalPath()).containsExactly(0);
    }

    @Test
    void aChainIsItsOwnCriticalPathEvenWhenListedBackwards() {
        var graph = new TaskGraph(List.of(List.of(1), List.of(2), List.of(3), List.of()));

        assertThat(graph.criticalPath()).containsExactly(3, 2, 1, 0);
        assertThat(graph.topologicalOrder()).containsExactly(3, 2, 1, 0);
    }

    @Test
    void aCycleIsFoundAndWrittenInDependencyOrder() {
        // 0 depends on 1, 1 on 2, 2 on 0; 3 is outside the cycle
        var graph = new TaskGraph(List.of(List.of(1), List.of(2), List.of(0), List.of(0)));

        assertThat(graph.findCycle()).hasValue(List.of(0, 1, 2, 0));
        assertThatThrownBy(graph::topologicalOrder).hasMessageContaining("cycle");
    }

    @Test
    void anAcyclicGraphHasNoCycleEvenWithSharedDependencies() {
        var graph = new TaskGraph(List.of(List.of(), List.of(0), List.of(0), List.of(1, 2)));

        assertThat(graph.findCycle()).isEmpty();
    }

    @Test
    void aLongChainIsHandledWithoutDeepRecursion() {
        List<List<Integer>> chain = new ArrayList<>();
        chain.add(List.of());
        for (int i = 1; i < 50_000; i++) {
            chain.add(List.of(i - 1));
        }
        var graph = new TaskGraph(chain);

        assertThat(graph.findCycle()).isEmpty();
        assertThat(graph.criticalPath()).hasSize(50_000).startsWith(0).endsWith(49_999);
    }
}
