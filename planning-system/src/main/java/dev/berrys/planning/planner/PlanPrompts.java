package dev.berrys.planning.planner;

import dev.berrys.contracts.api.ChatMessage;
import dev.berrys.planning.graph.PlanValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The planner's conversation with the model: what it may plan with, the goal, and corrections. */
final class PlanPrompts {
    private static final Map<String, String> ROLE_DESCRIPTIONS = Map.of(
            "coordinator", "organises the work, splits and merges results, decides between options",
            "researcher", "finds, reads and summarises information and facts",
            "developer", "writes, runs and fixes code, computes and estimates",
            "writer", "drafts documents, reports and other texts from the material given",
            "reviewer", "checks results for errors, gaps and quality and says what to fix");

    private PlanPrompts() {}

    static String system(PlanValidator limits) {
        StringBuilder roles = new StringBuilder();
        for (String role : limits.roles()) {
            roles.append("- ").append(role);
            String what = ROLE_DESCRIPTIONS.get(role);
            if (what != null) {
                roles.append(": ").append(what);
            }
            roles.append('\n');
        }
        return """
                You are the planner of Berrys, a platform where a team of AI agents carries out a goal.
                Break the goal into tasks, each done by one agent of one role. Answer only with a JSON object
                that matches the schema berrys_plan: {"tasks":[{"key","title","description","role","dependsOn"}]}.

                Roles (use exactly these names):
                %s
                Rules:
                - between 1 and %d tasks;
                - "key" is a short identifier unique in the plan (t1, t2, ...);
                - "dependsOn" lists the keys of the tasks whose output this task needs; they run first and their
                  outputs are handed to it. No task depends on itself and the dependencies form no cycle;
                - tasks without a dependency between them run in parallel, so add a dependency only where an
                  output is really needed;
                - "title" has at most %d characters, "description" at most %d and says what the task must
                  produce.
                """.formatted(roles, limits.maxTasks(), PlanValidator.MAX_TITLE, PlanValidator.MAX_DESCRIPTION);
    }

    static List<ChatMessage> initial(
            PlanValidator limits, String goal, @Nullable String feedback, @Nullable String previousJson) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(system(limits)));
        StringBuilder user = new StringBuilder("Goal: ").append(goal);
        if (feedback != null && !feedback.isBlank()) {
            user.append("\n\nA reviewer rejected the previous plan with this feedback: ")
                    .append(feedback)
                    .append("\nMake a new plan for the same goal that takes the feedback into account.");
        }
        if (previousJson != null) {
            user.append("\n\nThe previous plan was:\n").append(previousJson);
        }
        messages.add(ChatMessage.user(user.toString()));
        return messages;
    }

    /** The model's invalid answer and what is wrong with it, to ask once more. */
    static List<ChatMessage> correction(List<ChatMessage> asked, @Nullable String answer, List<String> errors) {
        List<ChatMessage> messages = new ArrayList<>(asked);
        messages.add(ChatMessage.assistant(answer == null ? "" : answer, null));
        StringBuilder user = new StringBuilder("The plan has these validation errors:\n");
        errors.forEach(e -> user.append("- ").append(e).append('\n'));
        user.append("Answer again with the whole corrected plan as JSON.");
        messages.add(ChatMessage.user(user.toString()));
        return messages;
    }
}
