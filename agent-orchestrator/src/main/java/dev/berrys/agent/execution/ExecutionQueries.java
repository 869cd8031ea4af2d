package dev.berrys.agent.execution;

import dev.berrys.starter.web.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads executions and their steps for the API, always within one tenant. */
@Service
public class ExecutionQueries {
    private final Executions executions;
    private final ExecutionSteps steps;
    private final JsonMapper json;

    ExecutionQueries(Executions executions, ExecutionSteps steps, JsonMapper json) {
        this.executions = executions;
        this.steps = steps;
        this.json = json;
    }

    /**
     * An execution; {@code steps} is empty in lists and filled for a single one. {@code handledBy} names the
     * replica of agent-orchestrator that runs or ran it.
     */
    public record ExecutionView(
            UUID id,
            UUID taskId,
            UUID projectId,
            UUID planId,
            UUID agentId,
            String role,
            String title,
            int attempt,
            String status,
            @Nullable String model,
            Instant createdAt,
            @Nullable Instant startedAt,
            @Nullable Instant completedAt,
            @Nullable String output,
            @Nullable String error,
            @Nullable Boolean retryable,
            long inputTokens,
            long outputTokens,
            int stepCount,
            @Nullable String waitingReason,
            @Nullable Instant waitingSince,
            @Nullable String handledBy,
            List<StepView> steps) {}

    /** A step; {@code arguments} is the tool call's JSON, {@code result} what the model was given back. */
    public record StepView(
            int index,
            String kind,
            Instant startedAt,
            long durationMs,
            @Nullable Integer promptChars,
            @Nullable Integer promptMessages,
            long inputTokens,
            long outputTokens,
            @Nullable String model,
            @Nullable String tool,
            @Nullable JsonNode arguments,
            String summary,
            @Nullable String result,
            @Nullable String error) {}

    @Transactional(readOnly = true)
    public Page<ExecutionView> list(String tenant, @Nullable UUID taskId, @Nullable UUID projectId, Pageable page) {
        Page<Execution> found;
        if (taskId != null && projectId != null) {
            found = executions.findByTenantAndTaskIdAndProjectId(tenant, taskId, projectId, page);
        } else if (taskId != null) {
            found = executions.findByTenantAndTaskId(tenant, taskId, page);
        } else if (projectId != null) {
            found = executions.findByTenantAndProjectId(tenant, projectId, page);
        } else {
            throw new IllegalArgumentException("taskId or projectId is required");
        }
        return found.map(e -> view(e, List.of()));
    }

    @Transactional(readOnly = true)
    public ExecutionView get(String tenant, UUID id) {
        Execution e = executions
                .findByTenantAndId(tenant, id)
                .orElseThrow(() -> new ProblemException.NotFound("execution", id));
        List<StepView> stepViews =
                steps.findByExecutionIdOrderByIndex(id).stream().map(this::view).toList();
        return view(e, stepViews);
    }

    private ExecutionView view(Execution e, List<StepView> stepViews) {
        return new ExecutionView(
                e.id(),
                e.taskId(),
                e.projectId(),
                e.planId(),
                e.agentId(),
                e.role(),
                e.title(),
                e.attempt(),
                e.status().name(),
                e.status() == ExecutionStatus.PENDING ? null : e.model(),
                e.createdAt(),
                e.startedAt(),
                e.completedAt(),
                e.output(),
                e.error(),
                e.retryable(),
                e.inputTokens(),
                e.outputTokens(),
                e.stepCount(),
                waitingReason(e),
                e.status() == ExecutionStatus.RUNNING ? e.waitingSince() : null,
                e.handledBy(),
                stepViews);
    }

    /** Why a live execution waits: an outage of a dependency, or a person's answer to its question. */
    private static @Nullable String waitingReason(Execution e) {
        return switch (e.status()) {
            case RUNNING -> e.waitingReason();
            case WAITING_INPUT -> WAITING_FOR_ANSWER;
            default -> null;
        };
    }

    static final String WAITING_FOR_ANSWER = "waiting for a person's answer (ask_human)";

    private StepView view(ExecutionStep s) {
        return new StepView(
                s.index(),
                s.kind().name(),
                s.startedAt(),
                s.durationMs(),
                s.promptChars(),
                s.promptMessages(),
                s.inputTokens(),
                s.outputTokens(),
                s.model(),
                s.tool(),
                arguments(s.arguments()),
                s.summary(),
                s.result(),
                s.error());
    }

    private @Nullable JsonNode arguments(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (RuntimeException notJson) {
            // the model wrote something that is not JSON: show it as a string
            return json.getNodeFactory().stringNode(text);
        }
    }
}
