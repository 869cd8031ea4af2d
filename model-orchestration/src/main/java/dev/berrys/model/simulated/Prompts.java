package dev.berrys.model.simulated;

import dev.berrys.contracts.api.PromptSections;
import dev.berrys.model.chat.ChatRequest;
import dev.berrys.model.chat.ChatRequest.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the simulated model needs from a conversation. Callers help it by writing labelled lines
 * ({@code Goal: …}, {@code Task: …}, {@code Description: …}, {@code Feedback: …}) in their user
 * messages; without labels it falls back to the first line of the first user message.
 */
final class Prompts {
    private static final Pattern LABEL = Pattern.compile("^\\s*[#*>\\-\\s]*\\**([A-Za-z ]{2,30}?)\\**\\s*:\\s*(.*)$");

    private Prompts() {}

    static List<Message> users(ChatRequest request) {
        return request.messageList().stream()
                .filter(m -> "user".equals(m.role()))
                .toList();
    }

    static String firstUserText(ChatRequest request) {
        return users(request).stream().findFirst().map(Message::text).orElse("");
    }

    /** Every user message's text, oldest first. */
    static String userText(ChatRequest request) {
        return String.join("\n\n", users(request).stream().map(Message::text).toList());
    }

    /** The label a marker such as {@code "Your task:"} stands for in {@link #labelled}: {@code "your task"}. */
    static String label(String marker) {
        Matcher m = LABEL.matcher(marker);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a label: " + marker);
        }
        return m.group(1).trim().toLowerCase(Locale.ROOT);
    }

    /** The value after the first line labelled with one of {@code labels} (case-insensitive). */
    static Optional<String> labelled(String text, String... labels) {
        for (String line : text.split("\\R")) {
            Matcher m = LABEL.matcher(line);
            if (m.matches()) {
                String label = m.group(1).trim().toLowerCase(Locale.ROOT);
                for (String wanted : labels) {
                    if (label.equals(wanted) && !m.group(2).isBlank()) {
                        return Optional.of(m.group(2).trim());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The lines right after the first line labelled with one of {@code labels}, up to a blank line. */
    static String linesAfterLabel(String text, String... labels) {
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (String line : text.split("\\R")) {
            if (inside) {
                if (line.isBlank()) {
                    break;
                }
                out.append(line.strip()).append('\n');
                continue;
            }
            Matcher m = LABEL.matcher(line);
            if (m.matches()) {
                String label = m.group(1).trim().toLowerCase(Locale.ROOT);
                for (String wanted : labels) {
                    inside |= label.equals(wanted);
                }
            }
        }
        return out.toString();
    }

    /** The first non-blank line, or the whole text when it is a single paragraph. */
    static String firstLine(String text) {
        String trimmed = text.strip();
        if (!trimmed.contains("\n\n") && trimmed.lines().count() <= 2) {
            return collapse(trimmed);
        }
        return trimmed.lines()
                .filter(l -> !l.isBlank())
                .findFirst()
                .map(Prompts::collapse)
                .orElse("");
    }

    /** Blocks (separated by blank lines or headings) after the first line that matches {@code marker}. */
    static List<String> blocksAfter(String text, Pattern marker, Pattern stop) {
        List<String> blocks = new ArrayList<>();
        boolean inside = false;
        boolean sawHeading = false;
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R")) {
            if (!inside) {
                inside = marker.matcher(line).find();
                continue;
            }
            if (stop.matcher(line).find()) {
                break;
            }
            boolean heading = line.startsWith(PromptSections.DEPENDENCY_HEADING) || line.matches("^\\s*[-*]\\s+.*");
            if (heading) {
                sawHeading = true;
            }
            if (heading || (line.isBlank() && !sawHeading)) {
                flush(blocks, current);
            }
            if (!line.isBlank()) {
                current.append(current.isEmpty() ? "" : " ").append(line.strip());
            }
        }
        flush(blocks, current);
        return blocks;
    }

    private static void flush(List<String> blocks, StringBuilder current) {
        if (!current.isEmpty()) {
            blocks.add(current.toString());
            current.setLength(0);
        }
    }

    static String collapse(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** At most {@code max} characters, cut at a word boundary, with an ellipsis when cut. */
    static String shorten(String text, int max) {
        String t = collapse(text);
        if (t.length() <= max) {
            return t;
        }
        int cut = t.lastIndexOf(' ', max - 1);
        return (cut > max / 2 ? t.substring(0, cut) : t.substring(0, max - 1)) + "…";
    }

    /** A seed from the whole conversation, so that the same input always gives the same answer. */
    static long seed(ChatRequest request) {
        long h = 1125899906842597L;
        for (Message m : request.messageList()) {
            String s = m.role() + ":" + m.text();
            for (int i = 0; i < s.length(); i++) {
                h = 31 * h + s.charAt(i);
            }
        }
        return h;
    }
}
