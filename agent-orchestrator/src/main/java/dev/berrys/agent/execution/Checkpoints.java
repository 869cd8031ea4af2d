package dev.berrys.agent.execution;

import dev.berrys.agent.memory.ProjectMemory;
import dev.berrys.contracts.api.ChatMessage;
import dev.berrys.contracts.events.AgentEvents.ExecutionCancelled;
import dev.berrys.contracts.events.AgentEvents.ExecutionCompleted;
import dev.berrys.contracts.events.AgentEvents.ExecutionContinued;
import dev.berrys.contracts.events.AgentEvents.ExecutionFailed;
import dev.berrys.contracts.events.AgentEvents.ExecutionInputRequested;
import dev.berrys.contracts.events.AgentEvents.ExecutionStepRecorded;
import dev.berrys.contracts.events.AgentEvents.ExecutionWaiting;
import dev.berrys.starter.events.EventPublisher;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent loop's writes, each one transaction: a step with its outcome and its events. Every write
 * first checks that the execution still runs here and that its project was not cancelled (then it
 * cancels the execution); it answers false when the loop must stop.
 */
@Component
class Checkpoints {
    private final Executions executions;
    private final ExecutionSteps steps;
    private final EntityManager entities;
    private final ProjectMemory memory;
    private final EventPublisher events;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    Checkpoints(
            Executions executions,
            ExecutionSteps steps,
            EntityManager entities,
            ProjectMemory memory,
            EventPublisher events,
            JdbcTemplate jdbc,
            JsonMapper json) {
        this.executions = executions;
        this.steps = steps;
        this.entities = entities;
        this.memory = memory;
        this.events = events;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Where a RUNNING execution stands: its prompts and stored steps. Null when it does not run. */
    @Transactional(readOnly = true)
    public @Nullable Resume resume(UUID id) {
        Execution e = executions.findById(id).orElse(null);
        if (e == null || e.status() != ExecutionStatus.RUNNING) {
            return null;
        }
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(nonNull(e.systemPrompt())));
        messages.add(ChatMessage.user(nonNull(e.userPrompt())));
        int modelCalls = 0;
        int nextIndex = 1;
        List<ChatMessage.ToolCall> pending = new ArrayList<>();
        for (ExecutionStep s : steps.findByExecutionIdOrderByIndex(id)) {
            nextIndex = s.index() + 1;
            if (s.kind() == StepKind.MODEL_CALL) {
                modelCalls++;
                if (s.message() != null) {
                    ChatMessage answer = json.readValue(s.message(), ChatMessage.class);
                    messages.add(answer);
                    pending = answer.toolCalls() == null ? new ArrayList<>() : new ArrayList<>(answer.toolCalls());
                }
            } else {
                messages.add(Prompts.toolResult(nonNull(s.toolCallId()), s.tool(), s.result()));
                pending.removeIf(c -> c.id().equals(s.toolCallId()));
            }
        }
        return new Resume(
                e.id(),
                e.tenant(),
                e.projectId(),
                e.taskId(),
                e.agentId(),
                e.model(),
                e.maxSteps(),
                e.tools(),
                messages,
                modelCalls,
                nextIndex,
                pending,
                e.waitingSince());
    }

    /** Whether the execution is RUNNING: e.g. its question was answered while the thread that asked was ending. */
    @Transactional(readOnly = true)
    public boolean isRunning(UUID id) {
        return executions
                .findById(id)
                .map(e -> e.status() == ExecutionStatus.RUNNING)
                .orElse(false);
    }

    /** The state of an execution that has just started: its two opening messages, no step yet. */
    static Resume fresh(Execution e) {
        List<ChatMessage> messages =
                List.of(ChatMessage.system(nonNull(e.systemPrompt())), ChatMessage.user(nonNull(e.userPrompt())));
        return new Resume(
                e.id(),
                e.tenant(),
                e.projectId(),
                e.taskId(),
                e.agentId(),
                e.model(),
                e.maxSteps(),
                e.tools(),
                messages,
                0,
                1,
                List.of(),
                null);
    }

    /**
     * Records that the execution waits for an unavailable dependency (no attempt is used up) and publishes
     * {@code execution.waiting}, once per outage.
     */
    @Transactional
    public boolean waiting(UUID id, String reason, Instant since) {
        Execution e = running(id);
        if (e == null) {
            return false;
        }
        boolean already = e.waitingSince() != null;
        e.waitFor(reason, since);
        if (!already) {
            events.publish(
                    e.id(),
                    new ExecutionWaiting(e.id(), e.taskId(), e.projectId(), e.attempt(), reason, since),
                    e.tenant());
        }
        return true;
    }

    /** The dependency answered again: the wait is over ({@code execution.continued}). */
    @Transactional
    public boolean continued(UUID id) {
        Execution e = running(id);
        if (e == null) {
            return false;
        }
        if (e.stopWaiting()) {
            events.publish(e.id(), new ExecutionContinued(e.id(), e.taskId(), e.projectId(), e.attempt()), e.tenant());
        }
        return true;
    }

    /**
     * The agent asked a person ({@code ask_human}, the call {@code toolCallId} of the last model answer): the
     * question is stored, the execution waits (WAITING_INPUT) and {@code execution.input-requested} is published.
     * The answer will be stored as step {@code index}.
     */
    @Transactional
    public boolean ask(UUID id, int index, String toolCallId, String arguments, AskHumanCalls.Ask ask) {
        Execution e = running(id);
        if (e == null) {
            return false;
        }
        Question q = new Question(e, index, toolCallId, arguments, ask.question(), ask.options());
        entities.persist(q);
        e.awaitInput();
        events.publish(
                e.id(),
                new ExecutionInputRequested(
                        q.id(),
                        e.id(),
                        e.taskId(),
                        e.projectId(),
                        e.agentId(),
                        e.attempt(),
                        ask.question(),
                        ask.options()),
                e.tenant());
        return true;
    }

    /** Stores a step after which the loop goes on. */
    @Transactional
    public boolean step(UUID id, StepDraft step) {
        Execution e = running(id);
        if (e == null) {
            return false;
        }
        store(e, step);
        return true;
    }

    /** Stores the final model call and completes the execution; leaves a note in the project memory. */
    @Transactional
    public boolean complete(UUID id, StepDraft step, String output) {
        Execution e = running(id);
        if (e == null) {
            return false;
        }
        store(e, step);
        e.complete(output);
        memory.remember(e.tenant(), e.projectId(), e.id(), e.taskId(), e.agentId(), e.role(), e.title(), output);
        events.publish(
                e.id(),
                new ExecutionCompleted(
                        e.id(),
                        e.taskId(),
                        e.projectId(),
                        e.agentId(),
                        e.attempt(),
                        output,
                        e.inputTokens(),
                        e.outputTokens()),
                e.tenant());
        return true;
    }

    /** Fails the execution, with the step that made it fail when there is one. */
    @Transactional
    public boolean fail(UUID id, @Nullable StepDraft step, String reason, boolean retryable) {
        Execution e = running(id);
        if (e == null) {
            return false;
        }
        if (step != null) {
            store(e, step);
        }
        e.fail(reason, retryable);
        events.publish(
                e.id(),
                new ExecutionFailed(e.id(), e.taskId(), e.projectId(), e.agentId(), e.attempt(), reason, retryable),
                e.tenant());
        return true;
    }

    /** Stores a step of {@code e} with its event, in the caller's transaction (also the answer to a question). */
    public void store(Execution e, StepDraft step) {
        entities.persist(step.toStep(e.id()));
        e.recordStep(step.inputTokens(), step.outputTokens());
        events.publish(
                e.id(),
                new ExecutionStepRecorded(
                        e.id(),
                        e.taskId(),
                        e.projectId(),
                        step.index(),
                        step.kind().name(),
                        step.tool(),
                        step.summary()),
                e.tenant());
    }

    /** The execution if it still runs; cancels it (and answers null) when its project was cancelled. */
    private @Nullable Execution running(UUID id) {
        Execution e = executions.findById(id).orElse(null);
        if (e == null || e.status() != ExecutionStatus.RUNNING) {
            return null;
        }
        boolean cancelled = Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from cancelled_project where project_id = ?)", Boolean.class, e.projectId()));
        if (cancelled) {
            e.cancel("project cancelled");
            events.publish(e.id(), new ExecutionCancelled(e.id(), e.taskId(), e.projectId()), e.tenant());
            return null;
        }
        return e;
    }

    private static String nonNull(@Nullable String s) {
        return s == null ? "" : s;
    }

    /** A RUNNING execution's state, rebuilt from its checkpoint. */
    record Resume(
            UUID id,
            String tenant,
            UUID projectId,
            UUID taskId,
            UUID agentId,
            String model,
            int maxSteps,
            List<String> tools,
            List<ChatMessage> messages,
            int modelCalls,
            int nextIndex,
            List<ChatMessage.ToolCall> pendingToolCalls,
            @Nullable Instant waitingSince) {}
}
