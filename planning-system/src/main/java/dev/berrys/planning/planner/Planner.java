package dev.berrys.planning.planner;

import dev.berrys.contracts.api.ChatMessage;
import dev.berrys.contracts.api.PlanProposal;
import dev.berrys.planning.graph.PlanValidator;
import dev.berrys.planning.plan.PlanDrafts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conversation that turns a goal into a valid proposal: one ask, and when the answer is invalid one
 * more ask that lists the validation errors.
 */
@Component
class Planner {
    static final int ASKS = 2;

    private final PlanningModel model;
    private final PlanValidator validator;
    private final PlanDrafts drafts;
    private final JsonMapper json;

    Planner(PlanningModel model, PlanningProperties props, PlanDrafts drafts, JsonMapper json) {
        this.model = model;
        this.validator = new PlanValidator(props.roles(), props.maxTasks());
        this.drafts = drafts;
        this.json = json;
    }

    sealed interface Outcome {}

    record Planned(PlanProposal proposal) implements Outcome {}

    record Invalid(List<String> errors) implements Outcome {}

    record Failed(String reason) implements Outcome {}

    /** Runs for the request's tenant; {@code renewLease} is called before every model call. */
    Outcome plan(PlanRequest request, Runnable renewLease) {
        if (request.goal().isBlank()) {
            return new Failed("The goal is empty.");
        }
        List<ChatMessage> messages = PlanPrompts.initial(
                validator, request.goal(), request.feedback(), previousPlan(request.previousPlanId(), request));
        List<String> errors = new ArrayList<>();
        for (int ask = 1; ask <= ASKS; ask++) {
            String answer;
            try {
                // one key per request and ask: the same ask of a request taken over after a crash is not paid twice
                answer = model.complete(
                        request.projectId(), "plan-request:" + request.id() + ":ask:" + ask, messages, renewLease);
            } catch (PlanningModel.Unavailable e) {
                return new Failed(e.getMessage());
            }
            ProposalReader.Read read = ProposalReader.read(answer);
            errors = read.proposal() == null ? read.errors() : validator.validate(read.proposal());
            if (errors.isEmpty()) {
                // no errors: the proposal was read (a read without one carries its errors)
                return new Planned(Objects.requireNonNull(read.proposal()));
            }
            messages = PlanPrompts.correction(messages, answer, errors);
        }
        return new Invalid(errors);
    }

    private @Nullable String previousPlan(@Nullable UUID previousPlanId, PlanRequest request) {
        if (previousPlanId == null) {
            return null;
        }
        return drafts.describe(previousPlanId, request.tenant())
                .map(json::writeValueAsString)
                .orElse(null);
    }
}
