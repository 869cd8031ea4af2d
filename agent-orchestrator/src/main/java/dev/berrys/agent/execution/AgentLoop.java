package dev.berrys.agent.execution;

import dev.berrys.agent.client.ModelClient;
import dev.berrys.agent.client.ModelClient.Answer;
import dev.berrys.agent.client.ModelClient.CallFor;
import dev.berrys.agent.client.ModelClient.Refused;
import dev.berrys.agent.client.ToolClient;
import dev.berrys.agent.client.ToolClient.ToolOutcome;
import dev.berrys.agent.execution.Checkpoints.Resume;
import dev.berrys.agent.execution.StepDraft.Prompt;
import dev.berrys.agent.execution.StepDraft.Timing;
import dev.berrys.contracts.api.AskHuman;
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
 * checkpointed is answered from the callee's record: a tool runs once, a model call is paid once. Besides the
 * template's tools the model is offered {@code ask_human} ({@link AskHumanCalls}): a call of it stores a question
 * and the run stops here, WAITING_INPUT, until {@link QuestionAnswers} stores the answer as the call's result and
 * resumes the execution.
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
        STOPPED,
        /** Its agent asked a person ({@code ask_human}): WAITING_INPUT until the answer resumes it. */
        WAITING
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
        Conversation conversation = new Conversation(state);
        while (true) {
            End stopped = conversation.callPendingTools();
            if (stopped != null) {
                return stopped;
            }
            checkInterrupted();
            End end = conversation.callModel();
            if (end != null) {
                return end;
            }
        }
    }

    /** One model call as it was made: what came of it, when, and how large its prompt was. */
    private record ModelTurn(ModelClient.Outcome outcome, Timing timing, Prompt prompt) {}

    /** An execution's conversation while it runs here: the messages so far and the tool calls still to run. */
    private final class Conversation {
        private final Resume state;
        private final UUID id;
        private final List<ChatMessage> messages;
        private final List<ToolCall> pending;
        private final List<ToolDefinition> offered;
        private final Set<String> offeredNames;
        private final CallFor callFor;
        private final Waiting waiting;
        private int modelCalls;
        private int index;
        // a wait for the model that began before a restart goes on against the same tolerance
        private @Nullable Instant waitingSince;

        Conversation(Resume state) {
            this.state = state;
            this.id = state.id();
            this.messages = new ArrayList<>(state.messages());
            this.pending = new ArrayList<>(state.pendingToolCalls());
            this.modelCalls = state.modelCalls();
            this.index = state.nextIndex();
            List<ToolDefinition> definitions = new ArrayList<>(tools.definitions(state.tenant(), state.tools()));
            definitions.removeIf(d -> AskHuman.TOOL.equals(d.function().name()));
            definitions.add(AskHumanCalls.DEFINITION);
            this.offered = List.copyOf(definitions);
            this.offeredNames = offered.stream().map(d -> d.function().name()).collect(Collectors.toSet());
            this.callFor = new CallFor(state.projectId(), state.taskId(), state.agentId());
            this.waiting = new ShownWaiting(id);
            this.waitingSince = state.waitingSince();
        }

        /**
         * Runs the tool calls the last answer asked for, each stored as a step. An {@code ask_human} call stores
         * the question and ends the run here (WAITING); its answer is stored as the call's step when it comes.
         * Null: the loop goes on; else how the run ended here.
         */
        @Nullable
        End callPendingTools() throws InterruptedException {
            for (ToolCall call : pending) {
                checkInterrupted();
                StepDraft step;
                if (AskHumanCalls.isAsk(call)) {
                    AskHumanCalls.Asked asked = AskHumanCalls.read(call, json);
                    if (asked instanceof AskHumanCalls.Ask ask) {
                        String arguments = call.function().arguments() == null
                                ? "{}"
                                : call.function().arguments();
                        return checkpoints.ask(id, index, call.id(), arguments, ask) ? End.WAITING : End.STOPPED;
                    }
                    step = refusedAsk(call, (AskHumanCalls.Invalid) asked, index++);
                } else {
                    step = callTool(state, call, offeredNames, index++, waiting);
                }
                messages.add(Prompts.toolResult(call.id(), call.function().name(), step.result()));
                if (!checkpoints.step(id, step)) {
                    return End.STOPPED;
                }
            }
            pending.clear();
            return null;
        }

        /**
         * Calls the model and settles its answer: the run ends (a final answer, a refusal, the step limit) or the
         * answer's tool calls become pending. Null: the loop goes on.
         */
        @Nullable
        End callModel() throws InterruptedException {
            ModelTurn turn = ask();
            if (turn.outcome() instanceof Refused refused) {
                var step = StepDraft.modelRefused(index, turn.timing(), turn.prompt(), state.model(), refused.detail());
                return failed(step, refused.reason(), refused.retryable());
            }
            ChatCompletionResponse response = ((Answer) turn.outcome()).response();
            ChatMessage answer = normalize(response.firstMessage(), index);
            boolean isFinal = answer.toolCalls() == null || answer.toolCalls().isEmpty();
            var step = StepDraft.modelAnswer(
                    index++, turn.timing(), turn.prompt(), response, json.writeValueAsString(answer), summary(answer));
            if (isFinal) {
                return finish(step, answer);
            }
            if (modelCalls >= state.maxSteps()) {
                return failed(step, STEP_LIMIT, false);
            }
            if (!checkpoints.step(id, step)) {
                return End.STOPPED;
            }
            messages.add(answer);
            pending.addAll(answer.toolCalls());
            return null;
        }

        private ModelTurn ask() throws InterruptedException {
            var request = new ChatCompletionRequest(
                    state.model(), List.copyOf(messages), offered.isEmpty() ? null : offered, null, null, null, null);
            var prompt = new Prompt(promptChars(messages), messages.size());
            Instant startedAt = Instant.now();
            long t0 = System.nanoTime();
            ModelClient.Outcome outcome =
                    model.complete(request, callFor, CallKeys.modelCall(id, index), waitingSince, waiting);
            var timing = Timing.since(startedAt, t0);
            waitingSince = null;
            modelCalls++;
            return new ModelTurn(outcome, timing, prompt);
        }

        /** A final answer completes the execution with its text; an empty one fails it (retryable). */
        private End finish(StepDraft step, ChatMessage answer) {
            String output = answer.content() == null ? "" : answer.content().strip();
            if (output.isEmpty()) {
                return failed(step, "the model gave an empty answer", true);
            }
            return checkpoints.complete(id, step, output) ? End.COMPLETED : End.STOPPED;
        }

        private End failed(StepDraft step, String reason, boolean retryable) {
            return checkpoints.fail(id, step, reason, retryable) ? End.FAILED : End.STOPPED;
        }
    }

    /** A final answer's first words, or which tools the answer asked for. */
    private static String summary(ChatMessage answer) {
        if (answer.toolCalls() == null || answer.toolCalls().isEmpty()) {
            return StepDraft.summarize(answer.content());
        }
        return "asked for "
                + answer.toolCalls().stream().map(c -> c.function().name()).collect(Collectors.joining(", "));
    }

    private static StepDraft refusedAsk(ToolCall call, AskHumanCalls.Invalid invalid, int index) {
        String arguments =
                call.function().arguments() == null ? "{}" : call.function().arguments();
        return StepDraft.toolCall(
                index,
                new Timing(Instant.now(), 0),
                AskHuman.TOOL,
                call.id(),
                arguments,
                AskHumanCalls.refusal(invalid),
                invalid.reason());
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
        return StepDraft.toolCall(
                index, Timing.since(startedAt, t0), name, call.id(), arguments, outcome.content(), outcome.error());
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
