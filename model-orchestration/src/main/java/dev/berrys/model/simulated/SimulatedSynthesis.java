package dev.berrys.model.simulated;

import dev.berrys.model.chat.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Summarises the task outputs a synthesis request carries. A task output is recognised by a heading
 * ({@code ## Title}) or a labelled line ({@code Task: Title}); the summary quotes each title and the
 * first words of its output.
 */
final class SimulatedSynthesis {
    private static final Pattern TITLE = Pattern.compile(
            "^\\s*(?:#{1,6}\\s+(.+?)\\s*#*|\\**(?:task|title)\\**\\s*:\\s*(.+?)|task\\s+\"(.+?)\".*)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GOAL = Pattern.compile("^\\s*\\**goal\\**\\s*:", Pattern.CASE_INSENSITIVE);
    private static final Pattern SKIP =
            Pattern.compile("^\\s*\\**(role|status|agent|output|result)\\**\\s*:\\s*$", Pattern.CASE_INSENSITIVE);

    record Section(String title, String excerpt) {}

    private SimulatedSynthesis() {}

    static String summary(ChatRequest request, SplittableRandom random) {
        String text = Prompts.userText(request);
        String goal = Prompts.labelled(text, "goal", "project goal").orElse("the goal");
        List<Section> sections = sections(text);
        StringBuilder out = new StringBuilder("# Result: ")
                .append(Prompts.shorten(goal, 120))
                .append("\n\n");
        if (sections.isEmpty()) {
            out.append("Summary (simulated) of the material given: \"")
                    .append(Prompts.shorten(text, 300))
                    .append("\"\n");
            return out.toString();
        }
        out.append("This summary (simulated) draws on ").append(sections.size()).append(" task outputs:\n\n");
        for (Section s : sections) {
            out.append("- \"").append(s.title()).append("\": ");
            out.append(s.excerpt().isEmpty() ? "completed." : "\"" + s.excerpt() + "\"");
            out.append('\n');
        }
        out.append("\nTogether they answer the goal; ")
                .append(sections.size() > 1 ? "the outputs agree on the main points" : "the output covers it")
                .append(" (consistency ")
                .append(70 + random.nextInt(30))
                .append("%).");
        return out.toString();
    }

    static List<Section> sections(String text) {
        List<Section> sections = new ArrayList<>();
        String title = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\\R")) {
            Matcher m = TITLE.matcher(line);
            if (m.matches() && !GOAL.matcher(line).find()) {
                String found = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                if (title != null && m.group(3) == null && found.equals(title)) {
                    continue; // an output repeating its own title as a heading
                }
                add(sections, title, body);
                title = Prompts.shorten(found, 120);
                body.setLength(0);
            } else if (title != null && !line.isBlank() && !SKIP.matcher(line).matches()) {
                body.append(body.isEmpty() ? "" : " ").append(line.strip());
            }
        }
        add(sections, title, body);
        return sections;
    }

    private static void add(List<Section> sections, @Nullable String title, StringBuilder body) {
        if (title == null || title.isBlank()) {
            return;
        }
        String excerpt = Prompts.shorten(body.toString().replace("\"", "'"), 140);
        if (sections.stream().noneMatch(s -> s.title().equals(title))) {
            sections.add(new Section(title, excerpt));
        }
    }
}
