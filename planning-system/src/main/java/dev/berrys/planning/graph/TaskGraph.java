package dev.berrys.planning.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A task graph by position: {@code dependsOn.get(i)} lists the positions task {@code i} depends on.
 * Finds cycles and the critical path (the longest chain of dependent tasks, each task weighing 1).
 */
public record TaskGraph(List<List<Integer>> dependsOn) {

    public TaskGraph {
        dependsOn = dependsOn.stream().map(List::copyOf).toList();
    }

    public int size() {
        return dependsOn.size();
    }

    /** One cycle as positions, first position repeated at the end, or empty when the graph is acyclic. */
    public Optional<List<Integer>> findCycle() {
        int[] state = new int[size()]; // 0 unvisited, 1 on the current path, 2 done
        int[] via = new int[size()];
        for (int start = 0; start < size(); start++) {
            if (state[start] != 0) {
                continue;
            }
            // iterative DFS: a frame is (node, index of the next dependency to visit)
            Deque<int[]> stack = new ArrayDeque<>();
            stack.push(new int[] {start, 0});
            state[start] = 1;
            while (!stack.isEmpty()) {
                int[] frame = stack.peek();
                int node = frame[0];
                List<Integer> deps = dependsOn.get(node);
                if (frame[1] == deps.size()) {
                    state[node] = 2;
                    stack.pop();
                    continue;
                }
                int next = deps.get(frame[1]++);
                if (state[next] == 1) {
                    return Optional.of(cycle(via, node, next));
                }
                if (state[next] == 0) {
                    state[next] = 1;
                    via[next] = node;
                    stack.push(new int[] {next, 0});
                }
            }
        }
        return Optional.empty();
    }

    /** The cycle closed by the edge {@code from → to}, written in dependency order (to … from → to reversed). */
    private static List<Integer> cycle(int[] via, int from, int to) {
        List<Integer> path = new ArrayList<>();
        path.add(to);
        for (int n = from; n != to; n = via[n]) {
            path.add(n);
        }
        path.add(to);
        Collections.reverse(path);
        return path;
    }

    /**
     * The longest chain of dependencies, from a root to its last task, as positions. Ties go to the task
     * that comes first in plan order. The graph must be acyclic.
     */
    public List<Integer> criticalPath() {
        int n = size();
        if (n == 0) {
            return List.of();
        }
        List<Integer> order = topologicalOrder();
        int[] length = new int[n];
        int[] previous = new int[n];
        for (int node : order) {
            length[node] = 1;
            previous[node] = -1;
            for (int dep : dependsOn.get(node)) {
                if (length[dep] + 1 > length[node]) {
                    length[node] = length[dep] + 1;
                    previous[node] = dep;
                }
            }
        }
        int end = 0;
        for (int i = 1; i < n; i++) {
            if (length[i] > length[end]) {
                end = i;
            }
        }
        List<Integer> path = new ArrayList<>();
        for (int node = end; node >= 0; node = previous[node]) {
            path.add(node);
        }
        Collections.reverse(path);
        return List.copyOf(path);
    }

    /** Dependencies before dependants (Kahn); fails on a cycle. */
    public List<Integer> topologicalOrder() {
        int n = size();
        int[] missing = new int[n];
        List<List<Integer>> dependants = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            dependants.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int dep : dependsOn.get(i)) {
                missing[i]++;
                dependants.get(dep).add(i);
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (missing[i] == 0) {
                ready.add(i);
            }
        }
        List<Integer> order = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int node = ready.poll();
            order.add(node);
            for (int d : dependants.get(node)) {
                if (--missing[d] == 0) {
                    ready.add(d);
                }
            }
        }
        if (order.size() != n) {
            throw new IllegalStateException("the task graph has a cycle");
        }
        return order;
    }
}
