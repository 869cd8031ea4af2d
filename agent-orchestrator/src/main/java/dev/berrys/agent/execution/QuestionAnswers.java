package dev.berrys.agent.execution;

import dev.berrys.agent.execution.StepDraft.Timing;
import dev.berrys.contracts.api.AskHuman;
import dev.berrys.contracts.events.AgentEvents.ExecutionInputReceived;
import dev.berrys.starter.events.EventPublisher;
import dev.berrys.starter.web.ProblemException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The questions agents asked through {@code ask_human}, and their answers. An answer is stored in one transaction
 * with everything it changes: the question, the result of the agent's tool call (a step, which is what the model
 * reads at its next call), the execution back to RUNNING under this replica's lease, and
 * {@code execution.input-received}. After the commit the execution resumes here; if this replica dies first, its
 * lease runs out and recovery resumes it anywhere. A refused answer changes nothing.
 *
 * <p>Where the agent gave options the answer must be one of them (the dashboard shows them as buttons); where it
 * gave none any text goes. The same answer given again to an answered question is answered as the first time.
 */
@Service
public class QuestionAnswers {
    private final Questions questions;
    private final EntityManager entities;
    private final Checkpoints checkpoints;
    private final EventPublisher events;
    private final Leases leases;
    private final ExecutionRunner runner;

    QuestionAnswers(
            Questions questions,
            EntityManager entities,
            Checkpoints checkpoints,
            EventPublisher events,
            Leases leases,
            ExecutionRunner runner) {
        this.questions = questions;
        this.entities = entities;
        this.checkpoints = checkpoints;
        this.events = events;
        this.leases = leases;
        this.runner = runner;
    }

    /** A question; {@code options} empty where any answer goes. */
    public record QuestionView(
            UUID id,
            UUID executionId,
            UUID taskId,
            UUID projectId,
            UUID agentId,
            int attempt,
            String question,
            List<String> options,
            String status,
            @Nullable String answer,
            @Nullable String answeredBy,
            Instant createdAt,
            @Nullable Instant answeredAt) {}

    @Transactional(readOnly = true)
    public Page<QuestionView> list(
            String tenant, @Nullable UUID projectId, @Nullable QuestionStatus status, Pageable page) {
        Page<Question> found;
        if (projectId != null && status != null) {
            found = questions.findByTenantAndProjectIdAndStatus(tenant, projectId, status, page);
        } else if (projectId != null) {
            found = questions.findByTenantAndProjectId(tenant, projectId, page);
        } else if (status != null) {
            found = questions.findByTenantAndStatus(tenant, status, page);
        } else {
            found = questions.findByTenant(tenant, page);
        }
        return found.map(QuestionAnswers::view);
    }

    @Transactional(readOnly = true)
    public QuestionView get(String tenant, UUID id) {
        return view(questions
                .findByTenantAndId(tenant, id)
                .orElseThrow(() -> new ProblemException.NotFound("question", id)));
    }

    /**
     * Answers a question of the tenant for {@code by} (the caller). 400 naming {@code answer} for a blank, too long
     * or unoffered answer; 404 for an unknown question; 409 when it was answered otherwise, cancelled, or its
     * execution waits no more.
     */
    @Transactional
    public QuestionView answer(String tenant, UUID id, @Nullable String answer, String by) {
        String text = answer == null ? "" : answer.strip();
        if (text.isEmpty()) {
            throw new ProblemException.BadRequest("answer", "'answer' must not be blank.");
        }
        if (text.length() > AskHuman.MAX_ANSWER) {
            throw new ProblemException.BadRequest(
                    "answer", "'answer' must be at most " + AskHuman.MAX_ANSWER + " characters.");
        }
        Question q = questions
                .lockByTenantAndId(tenant, id)
                .orElseThrow(() -> new ProblemException.NotFound("question", id));
        if (q.status() == QuestionStatus.ANSWERED && text.equals(q.answer())) {
            return view(q);
        }
        if (q.status() != QuestionStatus.OPEN) {
            throw new ProblemException.Conflict(
                    "question-closed", "Question " + id + " is " + q.status() + " and takes no answer any more.");
        }
        if (!q.options().isEmpty() && !q.options().contains(text)) {
            throw new ProblemException.BadRequest(
                    "answer", "'answer' must be one of the question's options: " + q.options() + ".");
        }
        Execution e = entities.find(Execution.class, q.executionId(), LockModeType.PESSIMISTIC_WRITE);
        if (e == null || e.status() != ExecutionStatus.WAITING_INPUT) {
            throw new ProblemException.Conflict(
                    "execution-not-waiting",
                    "The execution of question " + id + " no longer waits for an answer"
                            + (e == null ? "." : " (" + e.status() + ")."));
        }
        q.answer(text, by);
        e.inputReceived();
        Instant now = Instant.now();
        checkpoints.store(
                e,
                StepDraft.toolCall(
                        q.stepIndex(),
                        new Timing(
                                q.createdAt(),
                                Duration.between(q.createdAt(), now).toMillis()),
                        AskHuman.TOOL,
                        q.toolCallId(),
                        q.arguments(),
                        AskHumanCalls.result(text),
                        null));
        events.publish(
                e.id(),
                new ExecutionInputReceived(q.id(), e.id(), e.taskId(), e.projectId(), e.attempt(), text, by),
                e.tenant());
        leases.take(e.id());
        UUID executionId = e.id();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                runner.submit(executionId);
            }
        });
        return view(q);
    }

    private static QuestionView view(Question q) {
        return new QuestionView(
                q.id(),
                q.executionId(),
                q.taskId(),
                q.projectId(),
                q.agentId(),
                q.attempt(),
                q.question(),
                q.options(),
                q.status().name(),
                q.answer(),
                q.answeredBy(),
                q.createdAt(),
                q.answeredAt());
    }
}
