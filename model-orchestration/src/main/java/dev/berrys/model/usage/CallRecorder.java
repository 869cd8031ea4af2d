package dev.berrys.model.usage;

import dev.berrys.contracts.events.ModelEvents;
import dev.berrys.model.budget.BudgetGuard;
import dev.berrys.model.routing.Attempt;
import dev.berrys.starter.events.EventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every model call: the row, the project's spending (and its budget warning) and
 * {@code model.call-recorded} in one transaction, then the metrics.
 */
@Component
public class CallRecorder {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EventPublisher events;
    private final BudgetGuard budgets;
    private final JsonMapper json;
    private final MeterRegistry meters;

    CallRecorder(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            EventPublisher events,
            BudgetGuard budgets,
            JsonMapper json,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.budgets = budgets;
        this.json = json;
        this.meters = meters;
    }

    /**
     * One call as recorded; {@code provider} and {@code model} are null where no model answered;
     * {@code simulated} where the simulated model answered it.
     */
    public record Call(
            UUID id,
            String tenant,
            @Nullable UUID projectId,
            @Nullable UUID taskId,
            @Nullable UUID agentId,
            @Nullable String purpose,
            String requestedModel,
            @Nullable String provider,
            @Nullable String model,
            boolean simulated,
            long inputTokens,
            long outputTokens,
            BigDecimal costUsd,
            long latencyMs,
            CallOutcome outcome,
            boolean streamed,
            List<Attempt> attempts) {}

    public void record(Call call) {
        tx.executeWithoutResult(status -> {
            jdbc.update(
                    """
                    insert into model_call (id, tenant, project_id, task_id, agent_id, purpose, requested_model,
                      provider_name, model_name, input_tokens, output_tokens, cost_usd, latency_ms, outcome, streamed,
                      attempts, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    call.id(),
                    call.tenant(),
                    call.projectId(),
                    call.taskId(),
                    call.agentId(),
                    call.purpose(),
                    call.requestedModel(),
                    call.provider(),
                    call.model(),
                    call.inputTokens(),
                    call.outputTokens(),
                    call.costUsd(),
                    call.latencyMs(),
                    call.outcome().name(),
                    call.streamed(),
                    json.writeValueAsString(call.attempts()),
                    Timestamp.from(Instant.now()));
            budgets.release(call.id());
            boolean paid = call.outcome() == CallOutcome.SUCCEEDED;
            budgets.settleApiKey(
                    call.id(),
                    paid ? call.costUsd() : java.math.BigDecimal.ZERO,
                    paid ? call.inputTokens() + call.outputTokens() : 0);
            if (paid) {
                budgets.spend(
                        call.tenant(), call.projectId(), call.costUsd(), call.inputTokens() + call.outputTokens());
            }
            events.publish(
                    call.id(),
                    new ModelEvents.CallRecorded(
                            call.id(),
                            call.projectId(),
                            call.taskId(),
                            call.agentId(),
                            call.provider() == null ? "none" : call.provider(),
                            call.model() == null ? call.requestedModel() : call.model(),
                            call.inputTokens(),
                            call.outputTokens(),
                            call.costUsd(),
                            call.latencyMs(),
                            call.outcome().name(),
                            call.simulated()),
                    call.tenant());
        });
        metrics(call);
    }

    private void metrics(Call call) {
        String provider = call.provider() == null ? "none" : call.provider();
        String model = call.model() == null ? call.requestedModel() : call.model();
        Counter.builder("berrys.model.calls")
                .description("Model calls by outcome")
                .tags(
                        "provider",
                        provider,
                        "model",
                        model,
                        "outcome",
                        call.outcome().name())
                .register(meters)
                .increment();
        if (call.inputTokens() > 0 || call.outputTokens() > 0) {
            Counter.builder("berrys.model.tokens")
                    .tags("provider", provider, "model", model, "direction", "input")
                    .register(meters)
                    .increment(call.inputTokens());
            Counter.builder("berrys.model.tokens")
                    .tags("provider", provider, "model", model, "direction", "output")
                    .register(meters)
                    .increment(call.outputTokens());
            Counter.builder("berrys.model.cost.usd")
                    .description("Spending on model calls in USD")
                    .tags("provider", provider, "model", model)
                    .register(meters)
                    .increment(call.costUsd().doubleValue());
        }
    }
}
