package dev.berrys.agent.execution;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A step the loop has taken, before it is stored. */
record StepDraft(
        int index,
        StepKind kind,
        Instant startedAt,
        long durationMs,
        int promptChars,
        int promptMessages,
        long inputTokens,
        long outputTokens,
        @Nullable String model,
        @Nullable String tool,
        @Nullable String toolCallId,
        @Nullable String arguments,
        @Nullable String message,
        String summary,
        @Nullable String result,
        @Nullable String error) {

    static final int SUMMARY = 200;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    ExecutionStep toStep(UUID executionId) {
        return kind == StepKind.MODEL_CALL
                ? ExecutionStep.modelCall(
                        executionId,
                        index,
                        startedAt,
                        durationMs,
                        promptChars,
                        promptMessages,
                        inputTokens,
                        outputTokens,
                        model,
                        message,
                        summary,
                        error)
                : ExecutionStep.toolCall(
                        executionId,
                        index,
                        startedAt,
                        durationMs,
                        tool == null ? "" : tool,
                        toolCallId == null ? "" : toolCallId,
                        arguments == null ? "{}" : arguments,
                        result == null ? "" : result,
                        summary,
                        error);
    }

    /** The first {@link #SUMMARY} characters of a text, on one line. */
    static String summarize(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String flat = WHITESPACE.matcher(text.strip()).replaceAll(" ");
        return flat.length() <= SUMMARY ? flat : flat.substring(0, SUMMARY - 1) + "…";
    }
}
