package dev.berrys.agent.execution;

import dev.berrys.contracts.api.ChatCompletionResponse;
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

    /** When a call started and how long it took. */
    record Timing(Instant startedAt, long durationMs) {
        /** A call that started at {@code startedAt}, {@code System.nanoTime()} then being {@code startNanos}. */
        static Timing since(Instant startedAt, long startNanos) {
            return new Timing(startedAt, (System.nanoTime() - startNanos) / 1_000_000);
        }
    }

    /** The size of the conversation sent to the model. */
    record Prompt(int chars, int messages) {}

    /** A model call that answered: the tokens and model of its response, the answer as stored. */
    static StepDraft modelAnswer(
            int index, Timing timing, Prompt prompt, ChatCompletionResponse response, String message, String summary) {
        var usage = response.usage();
        var tokens = usage == null ? Tokens.NONE : new Tokens(usage.promptTokens(), usage.completionTokens());
        return modelCall(index, timing, prompt, tokens, response.model(), message, summary, null);
    }

    /** A model call that model-orchestration refused ({@code detail}: why). */
    static StepDraft modelRefused(int index, Timing timing, Prompt prompt, String model, String detail) {
        return modelCall(index, timing, prompt, Tokens.NONE, model, null, "model call failed", detail);
    }

    private record Tokens(long input, long output) {
        static final Tokens NONE = new Tokens(0, 0);
    }

    private static StepDraft modelCall(
            int index,
            Timing timing,
            Prompt prompt,
            Tokens tokens,
            @Nullable String model,
            @Nullable String message,
            String summary,
            @Nullable String error) {
        return new StepDraft(
                index,
                StepKind.MODEL_CALL,
                timing.startedAt(),
                timing.durationMs(),
                prompt.chars(),
                prompt.messages(),
                tokens.input(),
                tokens.output(),
                model,
                null,
                null,
                null,
                message,
                summary,
                null,
                error);
    }

    /** A tool call and what it gave: its content, or its error. */
    static StepDraft toolCall(
            int index,
            Timing timing,
            String tool,
            String toolCallId,
            String arguments,
            String content,
            @Nullable String error) {
        String summary = error == null ? summarize(content) : summarize("failed: " + error);
        return new StepDraft(
                index,
                StepKind.TOOL_CALL,
                timing.startedAt(),
                timing.durationMs(),
                0,
                0,
                0,
                0,
                null,
                tool,
                toolCallId,
                arguments,
                null,
                summary,
                content,
                error);
    }

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
