package dev.berrys.agent.execution;

import dev.berrys.agent.client.ModelClient;
import dev.berrys.agent.client.ModelClient.Answer;
import dev.berrys.agent.client.ModelClient.CallFor;
import dev.berrys.agent.client.ModelClient.Refused;
import dev.berrys.agent.client.ToolClient;
import dev.berrys.agent.client.ToolClient.ToolOutcome;
import dev.berrys.agent.execution.Checkpoints.Resume;
import dev.berrys.contracts.api.ChatCompletionRequest;
import dev.berrys.contracts.api.ChatCompletionRequest.ToolDefinition;
import dev.berrys.contracts.api.ChatCompletionResponse;
import dev.berrys.contracts.api.ChatMessage;
import dev.berrys.contracts.api.ChatMessage.ToolCall;
import dev.berrys.starter.calls.OutagePolicy.Waiting;
import dev.berrys.starter.security.Tenants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent loop: model call → tool calls → model call … until an answer without tool calls (COMPLETED)
 * or the template's step limit (FAILED, not retryable). It resumes from the checkpoint: the conversation
 * is rebuilt from the stored steps, and tool calls the last model answer asked for but that were not
 * stored run now. No database connection is held during a model or tool call. While model-orchestration
 * or tool-integration is unavailable the loop waits (see {@code OutagePolicy}) and shows why on the
 * execution; that uses up no attempt of the task. Every model and tool call carries an idempotency key
 * ({@link CallKeys}) that is the same on every try and after a resume, so a call that was made but not
 * checkpointed is answered from the callee's record: a tool runs once, a model call is paid once.
 */
@Component
class AgentLoop {
    private static final Logger log = LoggerFactory.getLogger(AgentLoop.class);
    static final String STEP_LIMIT = "step limit reached";

    private final Checkpoints checkpoints;
    private final ModelClient model;
    private final ToolClient tools;
    private final JsonMapper json;

    AgentLoop(Checkpoints checkpoints, ModelClient model, ToolClient tools, JsonMapper json) {
        this.checkpoints = checkpoints;
        this.model = model;
        this.tools = tools;
        this.json = json;
    }

    /** How a run ended here. */
    enum End {
        COMPLETED,
        FAILED,
        /** Not running here (any more): cancelled, finished or taken over elsewhere. */
        STOPPED
    }

    /** Resumes a RUNNING execution from its checkpoint; throws when interrupted (cancelled, or the service stops). */
    End resume(UUID executionId) throws InterruptedException {
        Resume state = checkpoints.resume(executionId);
        if (state == null) {
            return End.STOPPED;
        }
        return run(state);
    }

    /** Runs an execution from {@code state}; throws when interrupted (cancelled, or the service stops). */
    End run(Resume state) throws InterruptedException {
        return Tenants.callAs(state.tenant(), () -> loop(state));
    }

    private End loop(Resume state) throws InterruptedException {
        UUID id = state.id();
        List<ChatMessage> messages = new ArrayList<>(state.messages());
        List<ToolCall> pending = new ArrayList<>(state.pendingToolCalls());
        int modelCalls = state.modelCalls();
        int index = state.nextIndex();
        List<ToolDefinition> offered = tools.definitions(state.tenant(), state.tools());
        Set<String> offeredNames =
                offered.stream().map(d -> d.function().name()).collect(Collectors.toSet());
        CallFor callFor = new CallFor(state.projectId(), state.taskId(), state.agentId());
        Waiting waiting = new ShownWaiting(id);
        // a wait for the model that began before a restart goes on against the same tolerance
        @Nullable Instant waitingSince = state.waitingSince();
        while (true) {
            for (ToolCall call : pending) {
                checkInterrupted();
                StepDraft step = callTool(state, call, offeredNames, index++, waiting);
                messages.add(Prompts.toolResult(call.id(), call.function().name(), step.result()));
                if (!checkpoints.step(id, step)) {
                    return End.STOPPED;
                }
            }
            pending.clear();
            checkInterrupted();

            var request = new ChatCompletionRequest(
                    state.model(), List.copyOf(messages), offered.isEmpty() ? null : offered, null, null, null, null);
            int promptChars = promptChars(messages);
            Instant startedAt = Instant.now();
            long t0 = System.nanoTime();
            ModelClient.Outcome outcome =
                    model.complete(request, callFor, CallKeys.modelCall(id, index), waitingSince, waiting);
            waitingSince = null;
            long durationMs = (System.nanoTime() - t0) / 1_000_000;
            modelCalls++;

            if (outcome instanceof Refused refused) {
                var step = new StepDraft(
                        index,
                        StepKind.MODEL_CALL,
                        startedAt,
                        durationMs,
                        promptChars,
                        messages.size(),
                        0,
                        0,
                        state.model(),
                        null,
                        null,
                        null,
                        null,
                        "model call failed",
                        null,
                        refused.detail());
                return checkpoints.fail(id, step, refused.reason(), refused.retryable()) ? End.FAILED : End.STOPPED;
            }
            ChatCompletionResponse response = ((Answer) outcome).response();
            ChatMessage answer = normalize(response.firstMessage(), index);
            long inputTokens = response.usage() == null ? 0 : response.usage().promptTokens();
            long outputTokens = response.usage() == null ? 0 : response.usage().completionTokens();
            boolean final_ = answer.toolCalls() == null || answer.toolCalls().isEmpty();
            String summary = final_
                    ? StepDraft.summarize(answer.content())
                    : "asked for "
                            + answer.toolCalls().stream()
                                    .map(c -> c.function().name())
                                    .collect(Collectors.joining(", "));
            var step = new StepDraft(
                    index++,
                    StepKind.MODEL_CALL,
                    startedAt,
                    durationMs,
                    promptChars,
                    messages.size(),
                    inputTokens,
                    outputTokens,
                    response.model(),
                    null,
                    null,
                    null,
                    json.writeValueAsString(answer),
                    summary,
                    null,
                    null);

            if (final_) {
                String output = answer.content() == null ? "" : answer.content().strip();
                if (output.isEmpty()) {
                    return checkpoints.fail(id, step, "the model gave an empty answer", true)
                            ? End.FAILED
                            : End.STOPPED;
                }
                return checkpoints.complete(id, step, output) ? End.COMPLETED : End.STOPPED;
            }
            if (modelCalls >= state.maxSteps()) {
                return checkpoints.fail(id, step, STEP_LIMIT, false) ? End.FAILED : End.STOPPED;
            }
            if (!checkpoints.step(id, step)) {
                return End.STOPPED;
            }
            messages.add(answer);
            pending.addAll(answer.toolCalls());
        }
    }

    private StepDraft callTool(Resume state, ToolCall call, Set<String> offered, int index, Waiting waiting)
            throws InterruptedException {
        String name = call.function().name();
        String arguments =
                call.function().arguments() == null ? "{}" : call.function().arguments();
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        ToolOutcome outcome = offered.contains(name)
                ? tools.execute(
                        name,
                        arguments,
                        state.projectId(),
                        state.taskId(),
                        state.id(),
                        CallKeys.toolCall(state.id(), index, call.id()),
                        waiting)
                : new ToolOutcome(
                        "ERROR: the tool '" + name + "' is not available to this agent; use one of " + offered + ".",
                        "tool not available to this agent");
        long durationMs = (System.nanoTime() - t0) / 1_000_000;
        String summary = outcome.error() == null
                ? StepDraft.summarize(outcome.content())
                : StepDraft.summarize("failed: " + outcome.error());
        return new StepDraft(
                index,
                StepKind.TOOL_CALL,
                startedAt,
                durationMs,
                0,
                0,
                0,
                0,
                null,
                name,
                call.id(),
                arguments,
                null,
                summary,
                outcome.content(),
                outcome.error());
    }

    /**
     * Shows on the execution (and by {@code execution.waiting} / {@code execution.continued} on its task)
     * that it waits for an unavailable dependency. Best effort: the database may be what is down, and the
     * wait goes on whether or not it could be shown.
     */
    private final class ShownWaiting implements Waiting {
        private final UUID id;

        ShownWaiting(UUID id) {
            this.id = id;
        }

        @Override
        public void started(String reason, Instant since) {
            try {
                checkpoints.waiting(id, reason, since);
            } catch (RuntimeException e) {
                log.warn("execution {} waits ({}) but could not record it: {}", id, reason, e.toString());
            }
        }

        @Override
        public void ended() {
            try {
                checkpoints.continued(id);
            } catch (RuntimeException e) {
                log.warn("execution {} goes on but could not record the end of its wait: {}", id, e.toString());
            }
        }
    }

    /** An assistant message as it is stored and sent back: every tool call with an id and a function. */
    private static ChatMessage normalize(ChatMessage message, int index) {
        List<ToolCall> calls = message.toolCalls();
        if (calls == null || calls.isEmpty()) {
            return ChatMessage.assistant(message.content(), null);
        }
        List<ToolCall> fixed = new ArrayList<>();
        int n = 0;
        for (ToolCall c : calls) {
            n++;
            if (c.function() == null || c.function().name() == null) {
                continue;
            }
            String callId = c.id() == null || c.id().isBlank() ? "call_" + index + "_" + n : c.id();
            fixed.add(new ToolCall(callId, "function", c.function()));
        }
        return ChatMessage.assistant(message.content(), fixed.isEmpty() ? null : fixed);
    }

    private static int promptChars(List<ChatMessage> messages) {
        int chars = 0;
        for (ChatMessage m : messages) {
            chars += length(m.content());
            if (m.toolCalls() != null) {
                for (ToolCall c : m.toolCalls()) {
                    chars += length(c.function().name()) + length(c.function().arguments());
                }
            }
        }
        return chars;
    }

    private static int length(@Nullable String s) {
        return s == null ? 0 : s.length();
    }

    private static void checkInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("execution interrupted");
        }
    }
}
