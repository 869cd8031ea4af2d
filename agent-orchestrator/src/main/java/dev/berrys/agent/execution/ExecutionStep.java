package dev.berrys.agent.execution;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A step of an execution, stored in the transaction of its outcome: the checkpoint a restarted service
 * resumes from. A model call keeps the assistant message ({@code message}, JSON); a tool call its call id,
 * arguments and the text the model was given ({@code result}).
 */
@Entity
@Table(name = "execution_step")
class ExecutionStep {
    @Id
    private UUID id;

    @Column(name = "execution_id")
    private UUID executionId;

    @Column(name = "step_index")
    private int index;

    @Enumerated(EnumType.STRING)
    private StepKind kind;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "duration_ms")
    private long durationMs;

    @Column(name = "prompt_chars")
    private @Nullable Integer promptChars;

    @Column(name = "prompt_messages")
    private @Nullable Integer promptMessages;

    @Column(name = "input_tokens")
    private long inputTokens;

    @Column(name = "output_tokens")
    private long outputTokens;

    private @Nullable String model;
    private @Nullable String tool;

    @Column(name = "tool_call_id")
    private @Nullable String toolCallId;

    private @Nullable String arguments;
    private @Nullable String message;
    private String summary;
    private @Nullable String result;
    private @Nullable String error;

    protected ExecutionStep() {}

    static ExecutionStep modelCall(
            UUID executionId,
            int index,
            Instant startedAt,
            long durationMs,
            int promptChars,
            int promptMessages,
            long inputTokens,
            long outputTokens,
            @Nullable String model,
            @Nullable String message,
            String summary,
            @Nullable String error) {
        var s = new ExecutionStep(executionId, index, StepKind.MODEL_CALL, startedAt, durationMs, summary, error);
        s.promptChars = promptChars;
        s.promptMessages = promptMessages;
        s.inputTokens = inputTokens;
        s.outputTokens = outputTokens;
        s.model = model;
        s.message = message;
        return s;
    }

    static ExecutionStep toolCall(
            UUID executionId,
            int index,
            Instant startedAt,
            long durationMs,
            String tool,
            String toolCallId,
            String arguments,
            String result,
            String summary,
            @Nullable String error) {
        var s = new ExecutionStep(executionId, index, StepKind.TOOL_CALL, startedAt, durationMs, summary, error);
        s.tool = tool;
        s.toolCallId = toolCallId;
        s.arguments = arguments;
        s.result = result;
        return s;
    }

    private ExecutionStep(
            UUID executionId,
            int index,
            StepKind kind,
            Instant startedAt,
            long durationMs,
            String summary,
            @Nullable String error) {
        this.id = UUID.randomUUID();
        this.executionId = executionId;
        this.index = index;
        this.kind = kind;
        this.startedAt = startedAt;
        this.durationMs = durationMs;
        this.summary = summary;
        this.error = error;
    }

    int index() {
        return index;
    }

    StepKind kind() {
        return kind;
    }

    Instant startedAt() {
        return startedAt;
    }

    long durationMs() {
        return durationMs;
    }

    @Nullable
    Integer promptChars() {
        return promptChars;
    }

    @Nullable
    Integer promptMessages() {
        return promptMessages;
    }

    long inputTokens() {
        return inputTokens;
    }

    long outputTokens() {
        return outputTokens;
    }

    @Nullable
    String model() {
        return model;
    }

    @Nullable
    String tool() {
        return tool;
    }

    @Nullable
    String toolCallId() {
        return toolCallId;
    }

    @Nullable
    String arguments() {
        return arguments;
    }

    @Nullable
    String message() {
        return message;
    }

    String summary() {
        return summary;
    }

    @Nullable
    String result() {
        return result;
    }

    @Nullable
    String error() {
        return error;
    }
}
