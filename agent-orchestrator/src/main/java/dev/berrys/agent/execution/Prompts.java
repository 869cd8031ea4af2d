package dev.berrys.agent.execution;

import dev.berrys.agent.memory.ProjectMemory.Note;
import dev.berrys.agent.template.TemplateSpec;
import dev.berrys.contracts.events.TaskOutput;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The two opening messages of an execution: who the agent is (system) and what it must do (user). */
final class Prompts {
    /** A dependency output longer than this is cut, so that one verbose task cannot crowd out the rest. */
    static final int MAX_DEPENDENCY_OUTPUT = 8_000;

    private Prompts() {}

    static String system(TemplateSpec template, String agentName, String role, int maxSteps) {
        String tools = template.tools().isEmpty()
                ? "You have no tools: answer from your own knowledge and the material you are given."
                : "Tools you may use: " + String.join(", ", template.tools())
                        + ". Call a tool only when it helps the task, and wait for its result before you rely on it.";
        return template.systemPrompt().strip() + "\n\n"
                + "You are " + agentName + ", the " + role + " of a team of AI agents working on one project. "
                + tools + "\n\n"
                + "Rules:\n"
                + "- Work on your task only; the project goal and the other tasks' outputs are context.\n"
                + "- Build on the outputs of the tasks before yours and do not contradict them without saying why.\n"
                + "- Never invent tool results, sources or figures; if something is unknown, say so.\n"
                + "- A tool result that starts with ERROR failed: correct the call or continue without it.\n"
                + "- You have at most " + maxSteps + " model calls. When you are done, reply with the final output"
                + " of your task as plain text and no tool call.";
    }

    static String user(
            String goal,
            String title,
            String description,
            List<TaskOutput> dependencies,
            List<Note> memory,
            UUID taskId) {
        StringBuilder out = new StringBuilder();
        out.append("Project goal: ").append(goal.strip()).append("\n\n");
        out.append("Your task: ").append(title.strip()).append('\n');
        if (!description.isBlank()) {
            out.append(description.strip()).append('\n');
        }
        if (!dependencies.isEmpty()) {
            out.append("\nOutputs of the tasks this task depends on:\n");
            for (TaskOutput d : dependencies) {
                out.append("\n### ")
                        .append(d.title())
                        .append(" (")
                        .append(d.role())
                        .append(")\n");
                out.append(cut(d.output(), MAX_DEPENDENCY_OUTPUT)).append('\n');
            }
        }
        Set<UUID> known = dependencies.stream().map(TaskOutput::taskId).collect(Collectors.toSet());
        known.add(taskId);
        List<Note> notes =
                memory.stream().filter(n -> !known.contains(n.taskId())).toList();
        if (!notes.isEmpty()) {
            out.append("\nProject memory (notes from tasks the team completed earlier):\n");
            for (Note n : notes) {
                out.append("- ").append(n.title()).append(" (").append(n.role()).append("): ");
                out.append(n.note()).append('\n');
            }
        }
        out.append("\nComplete your task now.");
        return out.toString();
    }

    static String cut(String text, int max) {
        return text.length() <= max
                ? text
                : text.substring(0, max) + "\n[… cut: " + (text.length() - max) + " more characters]";
    }
}
