package dev.berrys.model.simulated;

import dev.berrys.contracts.api.PlanProposal;
import dev.berrys.contracts.api.PlanProposal.ProposedTask;
import dev.berrys.model.chat.ChatRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans a goal the way docs/flow.md describes: the goal's parts become parallel research or development
 * branches, a writer combines them, a reviewer checks the writer's report; {@code [tasks=N]} gives N
 * independent tasks and {@code [tasks=N,chain]} a chain, for benchmarks ({@code ,tools} after either: each
 * task also asks for the calculator). Feedback from a rejected or
 * invalid earlier plan adds a review task that mentions it.
 */
final class SimulatedPlanner {
    static final int MAX_BENCHMARK_TASKS = 1000;
    private static final int MAX_BRANCHES = 6;
    private static final Pattern MARKER =
            Pattern.compile("\\[tasks\\s*=\\s*(\\d+)\\s*(,\\s*chain)?\\s*(,\\s*tools)?\\s*]", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPLIT =
            Pattern.compile("\\s*(?:[,;]|\\band\\b|\\bthen\\b)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern BUILD_WORDS = Pattern.compile(
            "\\b(build|implement|code|develop|program|prototype|script|api|deploy|automate|design|create|set up|install)\\w*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RESEARCH_START = Pattern.compile(
            "^(compare|research|survey|analy[sz]e|investigate|find|study|review|summari[sz]e|explain|evaluate|assess|list|explore)\\b",
            Pattern.CASE_INSENSITIVE);
    /** A part of a goal that is already an instruction ("Compare three apps", "Build a script"). */
    private static final Pattern ACTION_START = Pattern.compile(
            "^(compare|research|survey|analy[sz]e|investigate|find|study|review|summari[sz]e|explain|evaluate|assess"
                    + "|list|explore|plan|organi[sz]e|prepare|write|draft|estimate|calculate|compute|outline|propose"
                    + "|recommend|choose|select|identify|gather|collect|check|test|measure|build|implement|code"
                    + "|develop|program|prototype|script|deploy|automate|design|create|set up|install|make|define)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern INLINE_FEEDBACK = Pattern.compile("(?i)(?:feedback|comment)\\s*:\\s*(\\S.*)");
    private static final String[] BENCH_ROLES = {"researcher", "developer", "writer"};

    private SimulatedPlanner() {}

    static PlanProposal plan(ChatRequest request) {
        String goal = goal(request);
        Matcher marker = MARKER.matcher(goal);
        if (marker.find()) {
            String digits = marker.group(1);
            int n = digits.length() > 4
                    ? MAX_BENCHMARK_TASKS
                    : Math.clamp(Integer.parseInt(digits), 1, MAX_BENCHMARK_TASKS);
            return benchmark(n, marker.group(2) != null, marker.group(3) != null);
        }
        List<ProposedTask> tasks = new ArrayList<>();
        List<String> parts = parts(goal);
        if (parts.size() == 1) {
            tasks.add(research("research-1", parts.getFirst(), goal));
            tasks.add(develop("develop-1", parts.getFirst(), goal));
        } else {
            for (int i = 0; i < parts.size(); i++) {
                String part = parts.get(i);
                tasks.add(
                        !RESEARCH_START.matcher(part).find()
                                        && BUILD_WORDS.matcher(part).find()
                                ? develop("develop-" + (i + 1), part, goal)
                                : research("research-" + (i + 1), part, goal));
            }
        }
        List<String> branches = tasks.stream().map(ProposedTask::key).toList();
        tasks.add(new ProposedTask(
                "write",
                "Write the report: " + Prompts.shorten(goal, 80),
                "Write a report document that combines the findings of every branch into one answer to: "
                        + Prompts.shorten(goal, 300),
                "writer",
                branches));
        tasks.add(new ProposedTask(
                "review",
                "Review the report",
                "Review the report for correctness, completeness and clarity against the goal, and list what to fix.",
                "reviewer",
                List.of("write")));
        feedback(request)
                .ifPresent(feedback -> tasks.add(new ProposedTask(
                        "review-feedback",
                        "Check the feedback is addressed",
                        "Check that the report addresses this feedback: " + Prompts.shorten(feedback, 300),
                        "reviewer",
                        List.of("review"))));
        return new PlanProposal(List.copyOf(tasks));
    }

    /** The goal: a {@code Goal:} line of a user message, else the first line of the first user message. */
    static String goal(ChatRequest request) {
        String all = Prompts.userText(request);
        String goal = Prompts.labelled(all, "goal", "project goal", "the goal")
                .orElseGet(() -> Prompts.firstLine(Prompts.firstUserText(request)));
        return goal.isBlank() ? "the task at hand" : goal;
    }

    /** Reviewer feedback or validation errors, labelled or in a user message after an assistant's answer. */
    static Optional<String> feedback(ChatRequest request) {
        String all = Prompts.userText(request);
        Optional<String> labelled = Prompts.labelled(
                all,
                "feedback",
                "reviewer feedback",
                "comment",
                "reviewer comment",
                "validation errors",
                "errors",
                "rejected because");
        if (labelled.isPresent()) {
            return labelled;
        }
        Matcher inline = INLINE_FEEDBACK.matcher(all);
        if (inline.find()) {
            return Optional.of(Prompts.collapse(inline.group(1)));
        }
        boolean answered = false;
        String after = null;
        for (ChatRequest.Message m : request.messageList()) {
            if ("assistant".equals(m.role())) {
                answered = true;
            } else if (answered && "user".equals(m.role()) && !m.text().isBlank()) {
                after = m.text();
            }
        }
        return Optional.ofNullable(after).map(Prompts::collapse);
    }

    static List<String> parts(String goal) {
        String cleaned = MARKER.matcher(goal).replaceAll(" ").strip();
        cleaned = cleaned.replaceAll("[.!?]+$", "");
        LinkedHashSet<String> parts = new LinkedHashSet<>();
        for (String p : SPLIT.split(cleaned)) {
            String part = p.strip();
            if (part.length() >= 3) {
                parts.add(part);
            }
        }
        List<String> list = new ArrayList<>(parts);
        if (list.isEmpty()) {
            return List.of(cleaned.isBlank() ? "the goal" : cleaned);
        }
        if (list.size() > MAX_BRANCHES) {
            String rest = String.join(", ", list.subList(MAX_BRANCHES - 1, list.size()));
            list = new ArrayList<>(list.subList(0, MAX_BRANCHES - 1));
            list.add(rest);
        }
        return list;
    }

    private static ProposedTask research(String key, String part, String goal) {
        return new ProposedTask(
                key,
                action("Research", part, 80),
                action("Research", part, 200) + " and collect the key facts, sources and open questions for: "
                        + Prompts.shorten(goal, 200),
                "researcher",
                List.of());
    }

    private static ProposedTask develop(String key, String part, String goal) {
        return new ProposedTask(
                key,
                action("Develop an approach for", part, 80),
                action("Develop an approach for", part, 200)
                        + ": outline the solution and estimate the effort in hours, for: " + Prompts.shorten(goal, 200),
                "developer",
                List.of());
    }

    /** The part as a title: as it is where it is an instruction already, else after {@code verb}. */
    static String action(String verb, String part, int max) {
        String text = Prompts.shorten(part, max);
        if (ACTION_START.matcher(text).find()) {
            return Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }
        return verb + " " + text;
    }

    private static PlanProposal benchmark(int n, boolean chain, boolean tools) {
        List<ProposedTask> tasks = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            tasks.add(new ProposedTask(
                    "t" + i,
                    "Part " + i + " of " + n,
                    "Produce part " + i + " of " + n + " of the benchmark goal"
                            + (tools ? " and estimate its cost." : "."),
                    BENCH_ROLES[(i - 1) % BENCH_ROLES.length],
                    chain && i > 1 ? List.of("t" + (i - 1)) : List.of()));
        }
        return new PlanProposal(tasks);
    }
}
