package dev.berrys.planning.graph;

import dev.berrys.contracts.api.PlanProposal;
import dev.berrys.contracts.api.PlanProposal.ProposedTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks a plan proposal's graph and sizes: task count, unique keys, known dependencies, no
 * self-dependency, no cycle, known roles, text lengths. Each error is a sentence a model can act on.
 */
public final class PlanValidator {
    public static final int MAX_TITLE = 200;
    public static final int MAX_DESCRIPTION = 4_000;

    private final Set<String> roles;
    private final int maxTasks;

    public PlanValidator(List<String> roles, int maxTasks) {
        this.roles =
                roles.stream().map(PlanValidator::normalizeRole).collect(Collectors.toCollection(LinkedHashSet::new));
        this.maxTasks = maxTasks;
    }

    public Set<String> roles() {
        return roles;
    }

    public int maxTasks() {
        return maxTasks;
    }

    /** The proposal's errors; empty when it can become a plan. */
    public List<String> validate(PlanProposal proposal) {
        List<String> errors = new ArrayList<>();
        List<ProposedTask> tasks = proposal.tasks() == null ? List.of() : proposal.tasks();
        if (tasks.isEmpty()) {
            errors.add("The plan has no tasks; it needs at least 1.");
            return errors;
        }
        if (tasks.size() > maxTasks) {
            errors.add("The plan has " + tasks.size() + " tasks; at most " + maxTasks + " are allowed.");
        }
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            ProposedTask task = tasks.get(i);
            String key = label(task, i);
            if (isBlank(task.key())) {
                errors.add("Task " + key + " has an empty key.");
            } else if (positions.putIfAbsent(task.key(), i) != null) {
                errors.add("Task key '" + task.key() + "' is used by more than one task; keys must be unique.");
            }
            checkText(errors, key, task);
            if (isBlank(task.role())) {
                errors.add("Task " + key + " has no role; use one of " + String.join(", ", roles) + ".");
            } else if (!roles.contains(normalizeRole(task.role()))) {
                errors.add("Task " + key + " has the unknown role '" + task.role() + "'; use one of "
                        + String.join(", ", roles) + ".");
            }
        }
        List<List<Integer>> edges = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            ProposedTask task = tasks.get(i);
            List<Integer> deps = new ArrayList<>();
            for (String dep : task.dependsOn() == null ? List.<String>of() : task.dependsOn()) {
                Integer target = positions.get(dep);
                if (dep != null && dep.equals(task.key())) {
                    errors.add("Task " + label(task, i) + " depends on itself.");
                } else if (target == null) {
                    errors.add("Task " + label(task, i) + " depends on '" + dep
                            + "', which is not a task key of the plan.");
                } else if (!deps.contains(target)) {
                    deps.add(target);
                }
            }
            edges.add(deps);
        }
        new TaskGraph(edges)
                .findCycle()
                .ifPresent(cycle -> errors.add("The dependencies form a cycle: "
                        + cycle.stream()
                                .map(p -> "'" + tasks.get(p).key() + "'")
                                .collect(Collectors.joining(" → "))
                        + " (each depends on the next); remove one of these dependencies."));
        return errors;
    }

    /** The graph of a valid proposal, by position. */
    public static TaskGraph graph(PlanProposal proposal) {
        Map<String, Integer> positions = new HashMap<>();
        List<ProposedTask> tasks = proposal.tasks();
        for (int i = 0; i < tasks.size(); i++) {
            positions.put(tasks.get(i).key(), i);
        }
        return new TaskGraph(tasks.stream()
                .map(t -> t.dependsOn().stream().map(positions::get).distinct().toList())
                .toList());
    }

    public static String normalizeRole(String role) {
        return role.trim().toLowerCase(Locale.ROOT);
    }

    private static void checkText(List<String> errors, String key, ProposedTask task) {
        if (isBlank(task.title())) {
            errors.add("Task " + key + " has an empty title.");
        } else if (task.title().length() > MAX_TITLE) {
            errors.add("Task " + key + " has a title of " + task.title().length() + " characters; at most " + MAX_TITLE
                    + " are allowed.");
        }
        if (task.description() == null) {
            errors.add("Task " + key + " has no description.");
        } else if (task.description().length() > MAX_DESCRIPTION) {
            errors.add("Task " + key + " has a description of "
                    + task.description().length() + " characters; at most " + MAX_DESCRIPTION + " are allowed.");
        }
    }

    private static String label(ProposedTask task, int index) {
        return Optional.ofNullable(task.key())
                .filter(k -> !k.isBlank())
                .map(k -> "'" + k + "'")
                .orElse("#" + (index + 1));
    }

    private static boolean isBlank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
