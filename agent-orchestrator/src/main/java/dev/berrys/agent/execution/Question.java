package dev.berrys.agent.execution;

import dev.berrys.starter.web.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A question an agent put to a person through {@code ask_human}. It remembers the tool call it answers
 * ({@code toolCallId}, {@code arguments}) and the step index its answer is stored as, so that the answer
 * continues the execution exactly where the question stopped it, on whichever replica and after any restart.
 */
@Entity
@Table(name = "question")
class Question {
    @Id
    private UUID id;

    private String tenant;

    @Column(name = "execution_id")
    private UUID executionId;

    @Column(name = "project_id")
    private UUID projectId;

    @Column(name = "task_id")
    private UUID taskId;

    @Column(name = "agent_id")
    private UUID agentId;

    private int attempt;

    @Column(name = "step_index")
    private int stepIndex;

    @Column(name = "tool_call_id")
    private String toolCallId;

    private String arguments;
    private String question;
    private String[] options;

    @Enumerated(EnumType.STRING)
    private QuestionStatus status;

    private @Nullable String answer;

    @Column(name = "answered_by")
    private @Nullable String answeredBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "answered_at")
    private @Nullable Instant answeredAt;

    protected Question() {}

    Question(Execution e, int stepIndex, String toolCallId, String arguments, String question, List<String> options) {
        this.id = UUID.randomUUID();
        this.tenant = e.tenant();
        this.executionId = e.id();
        this.projectId = e.projectId();
        this.taskId = e.taskId();
        this.agentId = e.agentId();
        this.attempt = e.attempt();
        this.stepIndex = stepIndex;
        this.toolCallId = toolCallId;
        this.arguments = arguments;
        this.question = question;
        this.options = options.toArray(String[]::new);
        this.status = QuestionStatus.OPEN;
        this.createdAt = Instant.now();
    }

    void answer(String text, String by) {
        if (status != QuestionStatus.OPEN) {
            throw new ProblemException.Conflict(
                    "question-closed", "Question " + id + " is " + status + " and takes no answer any more.");
        }
        this.status = QuestionStatus.ANSWERED;
        this.answer = text;
        this.answeredBy = by;
        this.answeredAt = Instant.now();
    }

    UUID id() {
        return id;
    }

    String tenant() {
        return tenant;
    }

    UUID executionId() {
        return executionId;
    }

    UUID projectId() {
        return projectId;
    }

    UUID taskId() {
        return taskId;
    }

    UUID agentId() {
        return agentId;
    }

    int attempt() {
        return attempt;
    }

    int stepIndex() {
        return stepIndex;
    }

    String toolCallId() {
        return toolCallId;
    }

    String arguments() {
        return arguments;
    }

    String question() {
        return question;
    }

    List<String> options() {
        return options == null ? List.of() : List.of(options);
    }

    QuestionStatus status() {
        return status;
    }

    @Nullable
    String answer() {
        return answer;
    }

    @Nullable
    String answeredBy() {
        return answeredBy;
    }

    Instant createdAt() {
        return createdAt;
    }

    @Nullable
    Instant answeredAt() {
        return answeredAt;
    }
}
