package dev.berrys.model.chat;

import dev.berrys.model.budget.BudgetGuard;
import dev.berrys.model.catalog.ModelRoute;
import dev.berrys.model.routing.Attempt;
import dev.berrys.model.routing.ChatExecutor;
import dev.berrys.model.routing.Router;
import dev.berrys.model.routing.RoutingFailedException;
import dev.berrys.model.usage.CallOutcome;
import dev.berrys.model.usage.CallRecorder;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.ProblemException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A chat completion end to end: validate, route, keep within the budget, run along the candidates,
 * account.
 */
@Service
public class ChatService {
    static final String SIMULATED_LEFT_OUT = " The simulated model does not stand in for a real provider"
            + " (BERRYS_SIMULATED_FALLBACK is off); name it to use it.";

    private final ChatRequestValidator validator;
    private final Router router;
    private final ChatExecutor executor;
    private final BudgetGuard budgets;
    private final CallRecorder recorder;

    ChatService(
            ChatRequestValidator validator,
            Router router,
            ChatExecutor executor,
            BudgetGuard budgets,
            CallRecorder recorder) {
        this.validator = validator;
        this.router = router;
        this.executor = executor;
        this.budgets = budgets;
        this.recorder = recorder;
    }

    /** The answer, the model that gave it, and what {@link #account} records of it. */
    public record Completed(
            UUID callId,
            String tenant,
            CallHeaders headers,
            String requestedModel,
            boolean streamed,
            long latencyMs,
            ChatResult result,
            ModelRoute route,
            List<Attempt> attempts) {}

    /**
     * Records a successful call (row, spending, budget warning, {@code model.call-recorded}, metrics). The
     * facade calls it once the answer has been sent, so that accounting adds no latency to the answer;
     * a refused or failed call is recorded before its error is answered.
     */
    public void account(Completed done) {
        ChatResult r = done.result();
        record(
                done.callId(),
                done.tenant(),
                done.headers(),
                done.requestedModel(),
                done.route(),
                r.inputTokens(),
                r.outputTokens(),
                done.latencyMs(),
                CallOutcome.SUCCEEDED,
                done.streamed(),
                done.attempts());
    }

    public Completed complete(UUID callId, ChatCall call, CallHeaders headers, @Nullable ChatStream sink) {
        validator.validate(call.request());
        String tenant = Tenants.require();
        String requested =
                call.request().model() == null ? Router.AUTO : call.request().model();
        Router.Candidates routes =
                router.candidates(tenant, call.request(), headers.maxPricePerMillion(), headers.purpose());
        List<ModelRoute> candidates = routes.models();
        long estimate = Tokens.ofPrompt(call.request());
        if (candidates.isEmpty()) {
            unanswered(callId, tenant, headers, requested, CallOutcome.FAILED, sink != null, 0, List.of());
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "no-provider-available",
                    "No enabled model can serve this request (capabilities " + Router.needs(call.request()) + ")."
                            + (routes.simulatedLeftOut() ? SIMULATED_LEFT_OUT : ""),
                    Map.of("field", "model"));
        }
        // the tenant's own budget covers calls that name no project too
        try {
            budgets.reserve(
                    tenant,
                    headers.projectId(),
                    callId,
                    estimate,
                    candidates.getFirst().cost(estimate, 0));
        } catch (ProblemException refused) {
            unanswered(callId, tenant, headers, requested, CallOutcome.REFUSED_BUDGET, sink != null, 0, List.of());
            throw refused;
        }
        long start = System.nanoTime();
        try {
            ChatExecutor.Routed routed = executor.execute(candidates, call, sink);
            long latency = (System.nanoTime() - start) / 1_000_000;
            ChatResult r = routed.result();
            return new Completed(
                    callId, tenant, headers, requested, sink != null, latency, r, routed.route(), routed.attempts());
        } catch (RoutingFailedException failed) {
            unanswered(
                    callId,
                    tenant,
                    headers,
                    requested,
                    CallOutcome.FAILED,
                    sink != null,
                    since(start),
                    failed.attempts());
            throw unavailable(failed, candidates, routes.simulatedLeftOut());
        } catch (RuntimeException broken) {
            // e.g. the caller hung up mid-stream: the call is still recorded and its reservation given back
            unanswered(callId, tenant, headers, requested, CallOutcome.FAILED, sink != null, since(start), List.of());
            throw broken;
        }
    }

    /** Records a call that no model answered (refused, failed, broken off). */
    private void unanswered(
            UUID callId,
            String tenant,
            CallHeaders headers,
            String requested,
            CallOutcome outcome,
            boolean streamed,
            long latencyMs,
            List<Attempt> attempts) {
        record(callId, tenant, headers, requested, null, 0, 0, latencyMs, outcome, streamed, attempts);
    }

    private static long since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /**
     * 503 only where no model could be reached (an outage: the caller waits and tries again); a call that a
     * model answered badly, or the simulated provider failed on purpose, is a 500 {@code model-call-failed}
     * (the work failed: the caller counts an attempt), with {@code simulated: true} where a simulated model
     * failed it.
     */
    private static ProblemException unavailable(
            RoutingFailedException failed, List<ModelRoute> candidates, boolean simulatedLeftOut) {
        Attempt last = failed.last();
        if (failed.answerFailed()) {
            boolean simulated = failed.attempts().stream()
                    .filter(a -> a.outcome() == Attempt.Outcome.FAILED)
                    .anyMatch(a -> candidates.stream()
                            .anyMatch(m ->
                                    m.name().equals(a.model()) && m.provider().simulated()));
            String detail = simulated
                    ? "The simulated provider failed this call on purpose (simulatedFailureRate)."
                    : "No model gave a usable answer: "
                            + (last == null ? failed.getMessage() : last.model() + " " + last.reason()) + ".";
            return new ProblemException(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    "model-call-failed",
                    detail,
                    Map.of(
                            "attempts",
                            failed.attempts(),
                            "streamStarted",
                            failed.streamStarted(),
                            "simulated",
                            simulated));
        }
        String detail = "No model answered: "
                + (last == null ? failed.getMessage() : last.model() + " " + last.reason()) + "."
                + (simulatedLeftOut ? SIMULATED_LEFT_OUT : "");
        return new ProblemException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "provider-unavailable",
                detail,
                Map.of("attempts", failed.attempts(), "streamStarted", failed.streamStarted()));
    }

    private void record(
            UUID callId,
            String tenant,
            CallHeaders headers,
            String requested,
            @Nullable ModelRoute route,
            long in,
            long out,
            long latency,
            CallOutcome outcome,
            boolean streamed,
            List<Attempt> attempts) {
        BigDecimal cost = route == null ? BigDecimal.ZERO : route.cost(in, out);
        boolean simulated = route != null && route.provider().simulated();
        recorder.record(new CallRecorder.Call(
                callId,
                tenant,
                headers.projectId(),
                headers.taskId(),
                headers.agentId(),
                headers.purpose(),
                requested,
                route == null ? null : route.provider().name(),
                route == null ? null : route.name(),
                simulated,
                in,
                out,
                cost,
                latency,
                outcome,
                streamed,
                attempts));
    }
}
