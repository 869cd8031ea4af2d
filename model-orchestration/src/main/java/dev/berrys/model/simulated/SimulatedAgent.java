package dev.berrys.model.simulated;

import dev.berrys.contracts.api.AskHuman;
import dev.berrys.contracts.api.PromptSections;
import dev.berrys.model.chat.ChatRequest;
import dev.berrys.model.chat.ChatRequest.Message;
import dev.berrys.model.chat.ChatRequest.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An agent's step on a task: a tool call where the task needs a tool that is offered and none has
 * answered yet, else a final answer that names the task and quotes its dependency outputs and tool
 * results. A prompt with {@link AskHuman#MARKER} asks a person first ({@code ask_human}, with
 * {@link #ASK_OPTIONS}), once, and its answer is quoted as "A person's answer: …".
 */
final class SimulatedAgent {
    /** Which tool a task needs, by the words of its title and description; the first match wins. */
    private static final List<Need> NEEDS = List.of(
            new Need(
                    "calculator",
                    Pattern.compile("\\b(calculat|comput|estimat|cost|number)", Pattern.CASE_INSENSITIVE)),
            new Need("workspace_write", Pattern.compile("\\b(writ|draft|report|document)", Pattern.CASE_INSENSITIVE)),
            new Need("http_get", Pattern.compile("\\b(fetch|url|http)", Pattern.CASE_INSENSITIVE)));

    /**
     * Where the dependency outputs start: agent-orchestrator's marker ({@link PromptSections#DEPENDENCIES}), or
     * the words another caller may use.
     */
    static final Pattern DEPENDENCIES = Pattern.compile(
            "(" + Pattern.quote(PromptSections.DEPENDENCIES)
                    + "|dependenc|depends on|previous (task )?outputs|outputs of (the )?(previous|earlier|upstream|tasks)"
                    + "|inputs? from)",
            Pattern.CASE_INSENSITIVE);
    /** Where they end: the markers that follow them in agent-orchestrator's prompt, or another labelled section. */
    static final Pattern STOP = Pattern.compile(
            "^\\s*(" + Pattern.quote(PromptSections.MEMORY) + "|" + Pattern.quote(PromptSections.CLOSING)
                    + "|\\**(goal|task|title|description|instructions?|tools?)\\**\\s*:|project memory"
                    + "|complete your task)",
            Pattern.CASE_INSENSITIVE);
    /** The labels of the task's title: agent-orchestrator's marker ({@link PromptSections#TASK}) and others. */
    static final String[] TITLE_LABELS = {Prompts.label(PromptSections.TASK), "task", "title", "task title"};

    private static final String[] CLOSINGS = {
        "The result is ready for the next step.",
        "No blocking issue remains.",
        "The open points are listed for the reviewer.",
        "This completes the task as described."
    };

    record Need(String tool, Pattern words) {}

    private SimulatedAgent() {}

    /** The task's own text: labelled lines if the caller wrote them, else the first line. */
    static String taskText(ChatRequest request) {
        String all = Prompts.userText(request);
        String title = title(request);
        String description = Prompts.labelled(all, "description", "task description", "details")
                .orElseGet(() -> Prompts.linesAfterLabel(all, TITLE_LABELS));
        return title + "\n" + description;
    }

    static String title(ChatRequest request) {
        String all = Prompts.userText(request);
        return Prompts.labelled(all, TITLE_LABELS)
                .map(t -> Prompts.shorten(t, 120))
                .orElseGet(() -> Prompts.shorten(Prompts.firstLine(Prompts.firstUserText(request)), 120));
    }

    /**
     * The tool this step should call, if any: {@code ask_human} first where the prompt holds {@link AskHuman#MARKER}
     * and it is offered, once per task; else the tool the task's words need.
     */
    static Optional<Tool> toolToCall(ChatRequest request) {
        if (request.toolList().isEmpty() || request.messageList().stream().anyMatch(m -> "tool".equals(m.role()))) {
            return Optional.empty();
        }
        if (Prompts.userText(request).contains(AskHuman.MARKER)) {
            Optional<Tool> ask = offered(request, AskHuman.TOOL);
            if (ask.isPresent()) {
                return ask;
            }
        }
        String text = taskText(request);
        for (Need need : NEEDS) {
            if (need.words().matcher(text).find()) {
                Optional<Tool> offered = request.toolList().stream()
                        .filter(t -> t.function() != null
                                && need.tool().equals(t.function().name()))
                        .findFirst();
                if (offered.isPresent()) {
                    return offered;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Tool> offered(ChatRequest request, String name) {
        return request.toolList().stream()
                .filter(t -> t.function() != null && name.equals(t.function().name()))
                .findFirst();
    }

    /** The options of the simulated question; the answer is quoted in the task's output. */
    static final List<String> ASK_OPTIONS = List.of("the short version", "the detailed version");

    static ChatRequest.ToolCall toolCall(ChatRequest request, Tool tool, SplittableRandom random, JsonMapper json) {
        String title = title(request);
        String id = "call_" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        var asked = tool.function();
        if (asked != null && AskHuman.TOOL.equals(asked.name())) {
            var arguments = json.createObjectNode()
                    .put(AskHuman.QUESTION, "Which should \"" + Prompts.shorten(title, 80) + "\" deliver?");
            ASK_OPTIONS.forEach(arguments.putArray(AskHuman.OPTIONS)::add);
            return new ChatRequest.ToolCall(
                    id, "function", new ChatRequest.FunctionCall(AskHuman.TOOL, json.writeValueAsString(arguments)));
        }
        String draft = "# " + title + "\n\n" + answerBody(request, random, title);
        // a request's tools were validated: each has a function with a name
        ChatRequest.Function function = Objects.requireNonNull(tool.function());
        JsonNode parameters = function.parameters();
        JsonNode arguments = new SchemaInstances(random, title, draft).instance(parameters);
        return new ChatRequest.ToolCall(
                id,
                "function",
                new ChatRequest.FunctionCall(
                        Objects.requireNonNull(function.name()), json.writeValueAsString(arguments)));
    }

    static String answer(ChatRequest request, SplittableRandom random) {
        String title = title(request);
        return "## " + title + "\n\n" + answerBody(request, random, title);
    }

    private static String answerBody(ChatRequest request, SplittableRandom random, String title) {
        StringBuilder out = new StringBuilder();
        out.append("Completed \"").append(title).append("\" (simulated answer).\n");
        List<String> dependencies = Prompts.blocksAfter(Prompts.userText(request), DEPENDENCIES, STOP);
        if (!dependencies.isEmpty()) {
            out.append("\nBuilding on the dependency outputs:\n");
            dependencies.stream().limit(10).forEach(d -> out.append("> ")
                    .append(Prompts.shorten(d, 160))
                    .append('\n'));
        }
        List<String> toolResults = new ArrayList<>();
        for (Message m : request.messageList()) {
            if ("tool".equals(m.role()) && m.text().startsWith(AskHuman.ANSWER_PREFIX)) {
                out.append("\nA person's answer: ")
                        .append(Prompts.shorten(m.text().substring(AskHuman.ANSWER_PREFIX.length()), 500))
                        .append('\n');
            } else if ("tool".equals(m.role())) {
                toolResults.add(Prompts.shorten(m.text(), 160));
            }
        }
        if (!toolResults.isEmpty()) {
            out.append("\nTool results used:\n");
            toolResults.forEach(r -> out.append("> ").append(r).append('\n'));
        }
        out.append("\nFindings: ").append(finding(title, random)).append('\n');
        out.append(CLOSINGS[random.nextInt(CLOSINGS.length)]);
        return out.toString();
    }

    private static String finding(String title, SplittableRandom random) {
        int points = 2 + random.nextInt(3);
        StringBuilder s =
                new StringBuilder("for \"").append(Prompts.shorten(title, 60)).append("\", ");
        s.append(points).append(" key points were identified");
        s.append(" (confidence ").append(60 + random.nextInt(40)).append("%).");
        return s.toString();
    }
}
