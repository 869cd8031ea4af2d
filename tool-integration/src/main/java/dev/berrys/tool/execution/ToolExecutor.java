package dev.berrys.tool.execution;

import dev.berrys.contracts.api.ToolExecutionRequest;
import dev.berrys.contracts.api.ToolExecutionResult;
import dev.berrys.contracts.events.ToolEvents;
import dev.berrys.starter.config.InstanceId;
import dev.berrys.starter.events.EventPublisher;
import dev.berrys.starter.schema.JsonSchemas;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.ProblemException;
import dev.berrys.tool.builtin.BuiltinTools;
import dev.berrys.tool.builtin.ToolCall;
import dev.berrys.tool.builtin.ToolFailure;
import dev.berrys.tool.registry.ToolDefinition;
import dev.berrys.tool.registry.ToolRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Executes a tool for the current tenant: arguments validated against the tool's JSON Schema, the tool
 * run outside any transaction, then the execution recorded and {@code tool.executed} published together.
 * A tool that ran and failed, or arguments that do not fit the schema, give a FAILED result the model can
 * read; an unknown tool is a 404 and a disabled one a 409, neither recorded. With an idempotency key the
 * tool runs once per key and tenant: a repeated key is answered with the first call's answer
 * ({@link ToolCallKeys}).
 */
@Service
public class ToolExecutor {
    private static final Logger log = LoggerFactory.getLogger(ToolExecutor.class);
    private static final int MAX_SUMMARY = 2000;
    /** How long a tool's run waits for the database to record it (a short outage), before giving up on the answer. */
    private static final Duration RECORD_PATIENCE = Duration.ofSeconds(60);

    private final RecordRetry recording = new RecordRetry(RECORD_PATIENCE);

    private final ToolRegistry registry;
    private final BuiltinTools builtins;
    private final HttpToolRunner httpTools;
    private final RemoteTools remoteTools;
    private final JsonSchemas schemas;
    private final ToolExecutions executions;
    private final ToolCallKeys keys;
    private final EventPublisher events;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final InstanceId instance;

    ToolExecutor(
            ToolRegistry registry,
            BuiltinTools builtins,
            HttpToolRunner httpTools,
            RemoteTools remoteTools,
            JsonSchemas schemas,
            ToolExecutions executions,
            ToolCallKeys keys,
            EventPublisher events,
            TransactionTemplate tx,
            JsonMapper json,
            MeterRegistry meters,
            InstanceId instance) {
        this.instance = instance;
        this.registry = registry;
        this.builtins = builtins;
        this.httpTools = httpTools;
        this.remoteTools = remoteTools;
        this.schemas = schemas;
        this.executions = executions;
        this.keys = keys;
        this.events = events;
        this.tx = tx;
        this.json = json;
        this.meters = meters;
    }

    /**
     * Runs the tool, or with an {@code idempotencyKey} already answered (or being answered) answers what
     * that first call gave without running it again.
     */
    public ToolExecutionResult execute(String name, ToolExecutionRequest request, @Nullable String idempotencyKey) {
        String tenant = Tenants.require();
        ToolDefinition tool = registry.require(tenant, name);
        if (!tool.enabled()) {
            throw new ProblemException.Conflict("tool-disabled", "The tool '" + name + "' is disabled.");
        }
        if (idempotencyKey == null) {
            try {
                return run(tenant, tool, request, null);
            } catch (RecordRetry.ToolRanUnrecorded e) {
                throw e.original();
            }
        }
        ToolCallKeys.Claim claim = keys.claim(tenant, idempotencyKey, name);
        if (claim instanceof ToolCallKeys.Answered answered) {
            return answered.result();
        }
        var owned = new Key(idempotencyKey, ((ToolCallKeys.Owned) claim).claimId());
        try {
            return run(tenant, tool, request, owned);
        } catch (RecordRetry.ToolRanUnrecorded e) {
            // the tool ran: the key stays claimed, so that a retry waits (or takes over after the lease) rather than
            // running the tool again at once
            throw e.original();
        } catch (RuntimeException e) {
            // nothing was recorded under the key and the tool did not run: a retry may run it
            keys.release(tenant, owned.key(), owned.claimId());
            throw e;
        }
    }

    private record Key(String key, UUID claimId) {}

    private ToolExecutionResult run(
            String tenant, ToolDefinition tool, ToolExecutionRequest request, @Nullable Key key) {
        String name = tool.name();
        var call =
                new ToolCall(tenant, request.projectId(), request.taskId(), request.executionId(), request.arguments());
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        Object result = null;
        String error = invalidArguments(tool, call);
        if (error == null) {
            try {
                result = run(tool, call);
            } catch (ToolFailure e) {
                error = e.getMessage();
            } catch (RuntimeException e) {
                log.warn("tool {} failed unexpectedly: {}", name, e.getClass().getName());
                error = "The tool failed unexpectedly.";
            }
        }
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        String status = error == null ? ToolExecutionResult.SUCCEEDED : ToolExecutionResult.FAILED;
        UUID id = UUID.randomUUID();
        var record = new ToolExecution(
                id,
                tenant,
                call.projectId(),
                call.taskId(),
                call.executionId(),
                name,
                json.writeValueAsString(Redactor.redact(call.arguments())),
                status,
                result == null ? null : summary(result),
                error,
                startedAt,
                durationMs,
                instance.value());
        var answer = new ToolExecutionResult(id, name, status, result, error, durationMs);
        recording.run(() -> tx.executeWithoutResult(s -> {
            executions.save(record);
            if (key != null) {
                keys.complete(tenant, key.key(), key.claimId(), answer);
            }
            events.publish(
                    id,
                    new ToolEvents.ToolExecuted(
                            id, call.projectId(), call.taskId(), call.executionId(), name, status, durationMs),
                    tenant);
        }));
        Timer.builder("berrys.tool.executions")
                .tag("tool", name)
                .tag("outcome", status)
                .register(meters)
                .record(Duration.ofMillis(durationMs));
        return answer;
    }

    private @Nullable String invalidArguments(ToolDefinition tool, ToolCall call) {
        List<JsonSchemas.Violation> violations;
        try {
            violations = schemas.validate(tool.parameters(), call.arguments());
        } catch (RuntimeException e) {
            // a schema we could not compile (from an MCP server): let the tool judge its arguments
            log.info(
                    "schema of tool {} could not be used for validation: {}",
                    tool.name(),
                    e.getClass().getName());
            return null;
        }
        if (violations.isEmpty()) {
            return null;
        }
        return "Invalid arguments for tool '" + tool.name() + "': "
                + violations.stream().map(JsonSchemas.Violation::message).collect(Collectors.joining("; "))
                + " (fields: "
                + violations.stream()
                        .map(v -> v.field().equals("$") ? "arguments" : v.field())
                        .distinct()
                        .collect(Collectors.joining(", "))
                + ")";
    }

    private Object run(ToolDefinition tool, ToolCall call) {
        return switch (tool.source()) {
            case BUILTIN ->
                builtins.find(tool.name())
                        .orElseThrow(() -> new ToolFailure("The built-in tool '" + tool.name() + "' is not available."))
                        .execute(call);
            case HTTP -> httpTools.call(tool, call);
            case MCP -> remoteTools.call(tool, call);
        };
    }

    private String summary(Object result) {
        String text = json.writeValueAsString(result);
        return text.length() <= MAX_SUMMARY ? text : text.substring(0, MAX_SUMMARY) + "…";
    }
}
