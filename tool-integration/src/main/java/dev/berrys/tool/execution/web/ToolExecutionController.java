package dev.berrys.tool.execution.web;

import dev.berrys.contracts.api.ToolExecutionRequest;
import dev.berrys.contracts.api.ToolExecutionResult;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.IdempotencyKeys;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import dev.berrys.starter.web.ProblemException;
import dev.berrys.tool.execution.ExecutionQueries;
import dev.berrys.tool.execution.ExecutionView;
import dev.berrys.tool.execution.ToolExecutor;
import dev.berrys.tool.execution.ToolStats;
import dev.berrys.tool.registry.ToolRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Execution of tools, their records and per-tool statistics. */
@RestController
class ToolExecutionController {
    private final ToolExecutor executor;
    private final ExecutionQueries queries;
    private final ToolStats stats;
    private final ToolRegistry registry;
    private final JsonMapper json;

    ToolExecutionController(
            ToolExecutor executor, ExecutionQueries queries, ToolStats stats, ToolRegistry registry, JsonMapper json) {
        this.executor = executor;
        this.queries = queries;
        this.stats = stats;
        this.registry = registry;
        this.json = json;
    }

    /**
     * 200 with SUCCEEDED or FAILED (arguments that do not fit the schema included); 404 unknown, 409 disabled.
     * For SERVICE callers only (agent-orchestrator running an execution of the token's tenant): the project,
     * task and execution ids are taken as given, and only the platform's own services vouch for them. With an
     * {@code Idempotency-Key} the tool runs once per key and tenant; a repeated key gets the first answer.
     */
    @PostMapping("/api/tools/{name}/execute")
    @PreAuthorize("hasRole('SERVICE')")
    ToolExecutionResult execute(
            @PathVariable String name,
            @RequestBody ToolExecutionRequest request,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) @Nullable String idempotencyKey) {
        String key = IdempotencyKeys.validated(idempotencyKey);
        if (request.arguments() == null) {
            throw new ProblemException.BadRequest("arguments", "Field 'arguments' is required (an object, may be {}).");
        }
        return executor.execute(name, request, key);
    }

    @GetMapping("/api/tools/{name}/stats")
    ToolStats.Stats stats(@PathVariable String name) {
        String tenant = Tenants.require();
        registry.require(tenant, name);
        return stats.of(tenant, name);
    }

    @GetMapping("/api/tool-executions")
    PageResponse<ExecutionResponse> list(
            @RequestParam(required = false) @Nullable UUID projectId,
            @RequestParam(required = false) @Nullable UUID taskId,
            @RequestParam(required = false) @Nullable UUID executionId,
            @RequestParam(required = false) @Nullable String tool,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        var found = queries.list(
                Tenants.require(),
                projectId,
                taskId,
                executionId,
                tool,
                PageRequests.of(page, size, Sort.by(Sort.Direction.DESC, "startedAt")));
        return PageResponse.of(found, this::response);
    }

    @GetMapping("/api/tool-executions/{id}")
    ExecutionResponse get(@PathVariable UUID id) {
        return response(queries.get(Tenants.require(), id));
    }

    private ExecutionResponse response(ExecutionView v) {
        return new ExecutionResponse(
                v.id(),
                v.projectId(),
                v.taskId(),
                v.executionId(),
                v.tool(),
                json.readValue(v.arguments(), Map.class),
                v.status(),
                v.resultSummary(),
                v.error(),
                v.startedAt(),
                v.durationMs(),
                v.handledBy());
    }

    /** A recorded execution; {@code arguments} with secrets redacted, {@code resultSummary} shortened JSON; {@code handledBy} the replica that ran it. */
    record ExecutionResponse(
            UUID id,
            @Nullable UUID projectId,
            @Nullable UUID taskId,
            @Nullable UUID executionId,
            String tool,
            Map<?, ?> arguments,
            String status,
            @Nullable String resultSummary,
            @Nullable String error,
            Instant startedAt,
            long durationMs,
            @Nullable String handledBy) {}
}
